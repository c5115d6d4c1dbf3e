import { api, describeError, onPrincipalChange } from "./api";
import { openDownload } from "./download";
import { clearProblems, showError } from "./problems";
import { el, field, onClick, poll } from "./ui";

const form = document.querySelector<HTMLFormElement>("#go-form")!;
const requestFields = form.querySelector<HTMLElement>("#go-fields")!;
const recipientList = form.querySelector<HTMLElement>("#recipients")!;
const recipientTemplate = document.querySelector<HTMLTemplateElement>("#recipient-template")!;
const requests = document.querySelector<HTMLElement>("#go-requests")!;

/** Where Cloudcheck sends the customer at the end of the journey (locally, any http://localhost port is allowed). */
const completeUrl = new URL("done.html", location.href).href;

/**
 * The create's Idempotency-Key: one per body, so that a double submit, or a retry after no answer, is one request at
 * Cloudcheck. Any change to the form makes the next submit a new request.
 */
let idempotencyKey: string | undefined;

export function startGo(): void {
  addRecipient({ reference: "cust-1", given: "Jane", family: "Citizen", emailAddress: "jane@example.nz" });
  form.querySelector<HTMLButtonElement>("#add-recipient")!.addEventListener("click", () => addRecipient({}));

  form.addEventListener("input", () => (idempotencyKey = undefined));

  const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  onClick(submit, form.querySelector('[data-problem-for=""]')!, async () => {
    clearProblems(form);
    idempotencyKey ??= crypto.randomUUID();
    const { data, error, response } = await api.POST("/go/requests", {
      params: { header: { "Idempotency-Key": idempotencyKey } },
      body: {
        reference: field(requestFields, "reference"),
        emailFrom: field(requestFields, "emailFrom"),
        replyTo: field(requestFields, "replyTo"),
        emailSubject: field(requestFields, "emailSubject"),
        completeUrl,
        recipients: [...recipientList.children].map((fieldset) => ({
          reference: field(fieldset, "reference"),
          name: { given: field(fieldset, "given"), family: field(fieldset, "family") },
          emailAddress: field(fieldset, "emailAddress"),
          mobileNumber: field(fieldset, "mobileNumber"),
          requestType: { verification: true },
        })),
      },
    });
    if (error) {
      showError(form, error, response);
      return;
    }
    idempotencyKey = undefined;
    requests.prepend(requestCard(data.goApiReference, data.reference));
  });
}

/** Adds a recipient's fields to the form, with these values. */
function addRecipient(values: Record<string, string>): void {
  const fieldset = recipientTemplate.content.firstElementChild!.cloneNode(true) as HTMLFieldSetElement;
  for (const [name, value] of Object.entries(values)) fieldset.querySelector<HTMLInputElement>(`input[name="${name}"]`)!.value = value;
  fieldset.querySelector(".remove")!.addEventListener("click", () => {
    fieldset.remove();
    numberRecipients();
  });
  recipientList.append(fieldset);
  numberRecipients();
}

/** Gives each recipient's fields the API's names for them: recipients[0].emailAddress, recipients[1]... */
function numberRecipients(): void {
  idempotencyKey = undefined; // a recipient was added or removed: another body
  [...recipientList.children].forEach((fieldset, i) => {
    fieldset.querySelector("legend")!.textContent = `Recipient ${i + 1}`;
    for (const element of [fieldset as HTMLElement, ...fieldset.querySelectorAll<HTMLElement>("[data-field]")]) {
      element.dataset.field = element.dataset.field!.replace(/^recipients\[[^\]]*\]/, `recipients[${i}]`);
    }
  });
}

/**
 * A created request: send it, watch each recipient's status and archive (polled every 2 s until every result is
 * archived), open a recipient's journey, download an archived PDF, and make the request's results zip.
 */
function requestCard(goApiReference: string, reference: string | undefined): HTMLElement {
  const message = el("p", { class: "message", "data-testid": "message" });
  const send = el("button", { "data-testid": "send" }, "Send");
  const sent = el("span", { "data-testid": "send-result" });
  const rows = el("tbody");
  const zip = zipControls(goApiReference, message);
  const card = el(
    "article",
    { class: "card", "data-testid": "go-request", "data-go-api-reference": goApiReference },
    el("h3", {}, `Go request ${reference ?? ""} `, el("code", {}, goApiReference)),
    el("p", {}, send, " ", sent),
    el("table", {}, el("thead", {}, el("tr", {}, ...["Recipient", "Status", "Journey", "Archive", ""].map((h) => el("th", {}, h)))), rows),
    zip,
    message,
  );

  onClick(send, message, async () => {
    // Cloudcheck emails (or texts) each recipient their journey link; `{"test": true, ...}` sends a test instead.
    const { data, error, response } = await api.POST("/go/requests/{goApiReference}/send", {
      params: { path: { goApiReference } },
      body: {},
    });
    sent.textContent = data ? `sent: ${data.emailsSent ?? 0} email(s), ${data.smsSent ?? 0} SMS` : "";
    message.textContent = error ? describeError(error, response) : "";
  });

  const recipientRows = new Map<string, ReturnType<typeof recipientRow>>();
  // The first look is live (Cloudcheck's statuses and the journey links, one call to Cloudcheck); polling then reads
  // what the service stored from Cloudcheck's callbacks, which costs no Cloudcheck call.
  let view: "live" | "stored" = "live";
  const watch = poll(async () => {
    const { data, error, response } = await api.GET("/go/requests/{goApiReference}", {
      params: { path: { goApiReference }, query: { view } },
    });
    if (error) {
      message.textContent = describeError(error, response);
      return false;
    }
    view = "stored";
    message.textContent = "";
    for (const recipient of data.recipients) {
      const token = recipient.recipientToken;
      if (!token) continue; // not listed by Cloudcheck yet
      let row = recipientRows.get(token);
      if (!row) {
        row = recipientRow(token, recipient.reference, message);
        recipientRows.set(token, row);
        rows.append(row.element);
      }
      row.update(recipient.status, recipient.link, recipient.archive?.state);
    }
    return data.recipients.every((r) => r.archive?.state === "ARCHIVED" || r.archive?.state === "FAILED");
  }, message);
  onPrincipalChange(() => {
    view = "live";
    watch.restart();
  });
  return card;
}

function recipientRow(recipientToken: string, reference: string | undefined, message: HTMLElement) {
  const status = el("td", { "data-testid": "recipient-status" });
  const journey = el("a", { "data-testid": "journey-link", target: "_blank", rel: "noopener" }, "Open the customer's journey");
  const archive = el("td", { "data-testid": "recipient-archive" });
  const download = el("button", { "data-testid": "download-pdf", disabled: "" }, "Download PDF");
  const element = el("tr", { "data-testid": "recipient", "data-recipient-token": recipientToken },
    el("td", {}, reference ?? recipientToken), status, el("td", {}, journey), archive, el("td", {}, download));

  onClick(download, message, () =>
    openDownload(async () => {
      const { data, error, response } = await api.GET("/go/recipients/{recipientToken}/pdf", { params: { path: { recipientToken } } });
      message.textContent = error ? describeError(error, response) : "";
      return data?.url;
    }),
  );

  return {
    element,
    update(newStatus: string | undefined, link: string | undefined, archiveState: string | undefined) {
      // A recipient Cloudcheck has not notified about yet has no stored status: keep what the live view said.
      if (newStatus) status.textContent = newStatus;
      // In production the customer gets this link by email or SMS; here you play the customer in the sandbox.
      if (link) journey.href = link;
      archive.textContent = archiveState?.toLowerCase() ?? "not yet";
      download.disabled = archiveState !== "ARCHIVED";
    },
  };
}

/** The request's results zip: start Cloudcheck's job, follow it until the zip is archived, download it. */
function zipControls(goApiReference: string, message: HTMLElement): HTMLElement {
  const start = el("button", { "data-testid": "zip-start" }, "Start results zip");
  const state = el("span", { "data-testid": "zip-state" });
  const download = el("button", { "data-testid": "zip-download", disabled: "" }, "Download zip");
  const path = { params: { path: { goApiReference } } };
  let watch: { restart(): void } | undefined;

  const check = async () => {
    const { data, error, response } = await api.GET("/go/requests/{goApiReference}/archive", path);
    if (error) {
      message.textContent = describeError(error, response);
      return false;
    }
    const progress = data.total ? ` (${data.complete ?? 0} of ${data.total})` : "";
    state.textContent = data.state === "ARCHIVED" ? `archived, ${data.size} bytes` : data.state.toLowerCase() + progress;
    download.disabled = data.state !== "ARCHIVED";
    return data.state === "ARCHIVED" || data.state === "FAILED";
  };

  onClick(start, message, async () => {
    const { data, error, response } = await api.POST("/go/requests/{goApiReference}/archive", path);
    if (error) {
      message.textContent = describeError(error, response);
      return;
    }
    state.textContent = data.state.toLowerCase();
    download.disabled = true;
    // Generating can take an hour for 500 recipients: the service polls Cloudcheck, the page polls the service.
    if (watch) watch.restart();
    else watch = poll(check, message);
  });

  onClick(download, message, () =>
    openDownload(async () => {
      const { data, error, response } = await api.GET("/go/requests/{goApiReference}/archive", path);
      message.textContent = error ? describeError(error, response) : "";
      return data?.url;
    }),
  );

  return el("p", {}, "Results zip: ", start, " ", state, " ", download);
}
