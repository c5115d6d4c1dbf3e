// The example page in a real browser (Debian's chromium, driven by playwright-core) against a local stack of its own:
// the whole Go flow - a field-level problem, create, send, the customer's journey in the sandbox, "archived", the PDF
// and the results zip downloaded - then an Akahu session. A screenshot of each step is kept in e2e/artifacts/.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { chromium } from "playwright-core";
import { freePort, repoDir, startStack, startWeb, stopAll, webDir } from "./stack.mjs";

const artifacts = join(webDir, "e2e", "artifacts");
const chromiumPath = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const archivedWithin = 90_000; // the local stack's schedules run every 2 s; archiving takes a few seconds

let apiUrl;
let context;
let page;
let profile;
let shot = 0;
const pageErrors = [];

before(async () => {
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  const [apiPort, awsPort, sandboxPort, webPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const webOrigin = `http://127.0.0.1:${webPort}`;
  ({ apiUrl } = await startStack({ apiPort, awsPort, sandboxPort, webOrigin, logFile: join(artifacts, "run.log") }));
  const url = await startWeb({ port: webPort, apiUrl, logFile: join(artifacts, "vite.log") });

  // A fresh profile whose PDF viewer is off, so that a PDF the page opens is downloaded: the test reads its bytes.
  profile = mkdtempSync(join(tmpdir(), "cloudcheck-kit-e2e-"));
  mkdirSync(join(profile, "Default"));
  writeFileSync(join(profile, "Default", "Preferences"), JSON.stringify({ plugins: { always_open_pdf_externally: true } }));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  context.setDefaultTimeout(15_000);
  page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (error) => pageErrors.push(String(error)));
  page.on("console", (message) => {
    // The API's 4xx answers the test asks for are logged by the browser as failed loads; anything else (a CORS
    // refusal, an exception) is an error of the page.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) pageErrors.push(message.text());
  });
  await page.goto(url);
});

after(async () => {
  await context?.close().catch(() => {});
  await stopAll();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test("Go: a field-level problem, create, send, the customer's journey, archived, PDF and results zip", { timeout: 300_000 }, async () => {
  await step("page", async () => {
    await page.getByTestId("principal").selectOption("local-user-a");
  });

  await step("field-problems", async () => {
    // The API's messages show next to each field: a bad email on the first recipient, a bad mobile on a second.
    await recipientInput(0, "emailAddress").fill("not-an-email");
    await page.getByTestId("add-recipient").click();
    await recipientInput(1, "given").fill("John");
    await recipientInput(1, "mobileNumber").fill("021 555 0199");
    await page.getByTestId("go-create").click();
    await assertProblem("recipients[0].emailAddress", /email address/);
    await assertProblem("recipients[1].mobileNumber", /country code/);
    assert.equal(await page.getByTestId("go-request").count(), 0, "nothing is created while a field is wrong");
  });

  const request = page.getByTestId("go-request").first();
  const recipient = request.getByTestId("recipient").first();
  await step("created", async () => {
    await page.getByTestId("recipient-fields").nth(1).getByRole("button", { name: "Remove" }).click();
    await recipientInput(0, "emailAddress").fill("jane@example.nz");
    await page.getByTestId("go-create").click();
    await request.waitFor();
    assert.equal(await page.getByTestId("problem").count(), 0);
    await expectText(recipient.getByTestId("recipient-status"), /Not Sent/);
  });

  await step("sent", async () => {
    await request.getByTestId("send").click();
    await expectText(request.getByTestId("send-result"), /sent: 1 email/);
    await expectText(recipient.getByTestId("recipient-status"), /Sent|Delivered/);
  });

  await step("journey", async () => {
    // The link Cloudcheck emails the customer: here, the sandbox's journey page, in a new tab.
    const [journey] = await Promise.all([context.waitForEvent("page"), recipient.getByTestId("journey-link").click()]);
    await journey.waitForLoadState();
    await journey.getByRole("button", { name: "PASS" }).waitFor();
    await journey.screenshot({ path: nextShot("journey-sandbox") });
    await journey.getByRole("button", { name: "PASS" }).click();
    // The sandbox sends the customer to the request's completeUrl: the page's done.html.
    await journey.getByTestId("done").waitFor();
    await journey.screenshot({ path: nextShot("journey-finished") });
    await journey.close();
  });

  await step("archived", async () => {
    await expectText(recipient.getByTestId("recipient-archive"), /^archived$/, archivedWithin);
    await expectText(recipient.getByTestId("recipient-status"), /Responded/);
  });

  await step("pdf-downloaded", async () => {
    const pdf = await downloadFrom(recipient.getByTestId("download-pdf"));
    assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-", "the downloaded file is a PDF");
  });

  await step("results-zip", async () => {
    await request.getByTestId("zip-start").click();
    await expectText(request.getByTestId("zip-state"), /^archived/, archivedWithin);
    const zip = await downloadFrom(request.getByTestId("zip-download"));
    assert.deepEqual([...zip.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04], "the downloaded file is a zip");
  });

  await step("other-principal", async () => {
    // Another user's request is not found, as if it did not exist; the admin sees everything.
    await page.getByTestId("principal").selectOption("local-user-b");
    await expectText(request.getByTestId("message"), /404 GO_REQUEST_NOT_FOUND/);
  });

  await step("admin", async () => {
    await page.getByTestId("principal").selectOption("local-dev-token");
    await expectText(request.getByTestId("message"), /^$/);
    await expectText(recipient.getByTestId("recipient-archive"), /^archived$/);
  });
});

test("Akahu: start a session, the customer's journey, archived, PDF", { timeout: 180_000 }, async () => {
  const session = page.getByTestId("akahu-session").first();
  await step("akahu-started", async () => {
    await page.getByTestId("principal").selectOption("local-user-a");
    await page.locator("#akahu-form input[name=reference]").fill("akahu-e2e");
    await page.getByTestId("akahu-start").click();
    await session.waitFor();
    await expectText(session.getByTestId("akahu-status"), /Pending/);
  });

  await step("akahu-journey", async () => {
    const [journey] = await Promise.all([context.waitForEvent("page"), session.getByTestId("akahu-link").click()]);
    await journey.getByRole("button", { name: "Complete" }).waitFor();
    await journey.screenshot({ path: nextShot("akahu-journey-sandbox") });
    await journey.getByRole("button", { name: "Complete" }).click();
    await journey.getByTestId("done").waitFor();
    await journey.close();
  });

  await step("akahu-archived", async () => {
    await expectText(session.getByTestId("akahu-archive"), /^archived$/, archivedWithin);
    await expectText(session.getByTestId("akahu-status"), /Complete/);
    const pdf = await downloadFrom(session.getByTestId("akahu-download"));
    assert.equal(pdf.subarray(0, 5).toString("latin1"), "%PDF-", "the downloaded file is a PDF");
  });

  assert.deepEqual(pageErrors, [], "the page logged no errors");
});

test("The API reference: ./run renders openapi.yaml at /docs with Swagger UI from node_modules", { timeout: 60_000 }, async () => {
  const operations = readFileSync(join(repoDir, "openapi.yaml"), "utf8").match(/^\s+operationId:/gm).length;
  const reference = await context.newPage();
  try {
    await reference.goto(`${apiUrl}/docs`);
    await reference.locator(".opblock").first().waitFor();
    assert.equal(await reference.locator(".opblock").count(), operations, "every operation of openapi.yaml is shown");
    await reference.locator(".opblock-summary-path", { hasText: "/go/requests/{goApiReference}/send" }).first().waitFor();
    await reference.screenshot({ path: nextShot("api-reference") });
  } finally {
    await reference.close();
  }
});

/** Runs one step, then screenshots the page; a failed step is screenshotted too, named so. */
async function step(name, action) {
  try {
    await action();
  } catch (failure) {
    await page.screenshot({ path: nextShot(`${name}-FAILED`), fullPage: true }).catch(() => {});
    throw failure;
  }
  await page.screenshot({ path: nextShot(name), fullPage: true });
}

function nextShot(name) {
  shot += 1;
  return join(artifacts, `${String(shot).padStart(2, "0")}-${name}.png`);
}

function recipientInput(index, name) {
  return page.getByTestId("recipient-fields").nth(index).locator(`input[name=${name}]`);
}

async function assertProblem(field, pattern) {
  const problem = page.locator(`[data-testid=problem][data-field="${field}"]`);
  await problem.waitFor();
  assert.match(await problem.innerText(), pattern);
}

/** Waits until the element's text matches. */
async function expectText(locator, pattern, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let text;
  while (Date.now() < deadline) {
    text = (await locator.innerText()).trim();
    if (pattern.test(text)) return;
    await page.waitForTimeout(250);
  }
  assert.fail(`expected text matching ${pattern}, still "${text}" after ${timeout / 1000} s`);
}

/** Clicks a download button: the page opens the presigned link in a new tab, whose file the browser downloads. */
async function downloadFrom(button) {
  const downloaded = new Promise((resolve, reject) => {
    context.once("page", (tab) => tab.once("download", resolve));
    setTimeout(() => reject(new Error("no download within 30 s")), 30_000).unref();
  });
  await button.click();
  const download = await downloaded;
  const bytes = readFileSync(await download.path());
  await download.page().close();
  return bytes;
}
