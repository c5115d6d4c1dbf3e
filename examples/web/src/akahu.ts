import { api, describeError, onPrincipalChange } from "./api";
import { openDownload } from "./download";
import { clearProblems, showError } from "./problems";
import { el, field, onClick, poll } from "./ui";

const form = document.querySelector<HTMLFormElement>("#akahu-form")!;
const sessions = document.querySelector<HTMLElement>("#akahu-sessions")!;

/** Where Akahu sends the customer back (required; locally, any http://localhost port is allowed). */
const callback = new URL("done.html", location.href).href;

export function startAkahu(): void {
  // One Idempotency-Key per body, as for a Go create: a retry of the same session starts it once.
  let idempotencyKey: string | undefined;
  form.addEventListener("input", () => (idempotencyKey = undefined));

  const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  onClick(submit, form.querySelector('[data-problem-for=""]')!, async () => {
    clearProblems(form);
    idempotencyKey ??= crypto.randomUUID();
    const { data, error, response } = await api.POST("/akahu/sessions", {
      params: { header: { "Idempotency-Key": idempotencyKey } },
      body: {
        reference: field(form, "reference"),
        name: { given: field(form, "given"), family: field(form, "family") },
        callback,
      },
    });
    if (error) {
      showError(form, error, response);
      return;
    }
    idempotencyKey = undefined;
    sessions.prepend(sessionCard(data.token, data.reference, data.url));
  });
}

/** A started session: its link for the customer, its status and archive (polled every 2 s until archived), its PDF. */
function sessionCard(token: string, reference: string | undefined, link: string): HTMLElement {
  const message = el("p", { class: "message", "data-testid": "message" });
  const status = el("span", { "data-testid": "akahu-status" });
  const archive = el("span", { "data-testid": "akahu-archive" });
  const download = el("button", { "data-testid": "akahu-download", disabled: "" }, "Download PDF");
  const card = el(
    "article",
    { class: "card", "data-testid": "akahu-session", "data-token": token },
    el("h3", {}, `Akahu session ${reference ?? ""} `, el("code", {}, token)),
    el("p", {}, el("a", { "data-testid": "akahu-link", href: link, target: "_blank", rel: "noopener" }, "Open the customer's Akahu link")),
    el("p", {}, "Status: ", status, " - archive: ", archive, " ", download),
    message,
  );

  const watch = poll(async () => {
    const { data, error, response } = await api.GET("/akahu/sessions/{token}", { params: { path: { token } } });
    if (error) {
      message.textContent = describeError(error, response);
      return false;
    }
    message.textContent = "";
    status.textContent = data.status ?? "";
    archive.textContent = data.archive?.state.toLowerCase() ?? "not yet";
    download.disabled = data.archive?.state !== "ARCHIVED";
    return data.archive?.state === "ARCHIVED" || data.archive?.state === "FAILED";
  }, message);
  onPrincipalChange(() => watch.restart());

  onClick(download, message, () =>
    openDownload(async () => {
      const { data, error, response } = await api.GET("/akahu/sessions/{token}/pdf", { params: { path: { token } } });
      message.textContent = error ? describeError(error, response) : "";
      return data?.url;
    }),
  );
  return card;
}
