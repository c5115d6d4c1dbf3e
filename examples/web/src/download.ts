/**
 * Opens a short-lived download link in a new tab. The API answers a PDF or zip route with a presigned S3 URL
 * (`{"url", "expiresAt", "sha256", ...}`, valid for minutes), so the link is asked for on each click, never kept.
 * The tab is opened before the API is called: a browser lets a page open one only while the click is fresh.
 * S3 serves the file to the tab as an attachment named after the archived object, so the browser saves it (moto,
 * locally, ignores that: a PDF may show in the browser's viewer). The bucket needs no CORS rule.
 */
export async function openDownload(getUrl: () => Promise<string | undefined>): Promise<void> {
  const tab = window.open("", "_blank");
  try {
    const url = await getUrl();
    if (!tab) throw new Error("the browser blocked the new tab: allow pop-ups for this page");
    if (url === undefined) {
      tab.close();
      return;
    }
    tab.opener = null; // the file's page gets no handle on this one
    tab.location.href = url;
  } catch (failure) {
    tab?.close();
    throw failure;
  }
}
