import { createCloudcheckKitClient, type ApiError } from "@cloudcheck-kit/client";

/** The API to call: ./run's by default; `VITE_API_URL=https://... npm run dev` for another. */
export const apiUrl: string = import.meta.env.VITE_API_URL || "http://127.0.0.1:3000";

const principal = document.querySelector<HTMLSelectElement>("#principal")!;

/**
 * The client, calling as whoever is picked at the top of the page. Each of ./run's local tokens stands for a
 * principal, as a JWT from your issuer would: a real front end returns its current access token here.
 */
export const api = createCloudcheckKitClient({ baseUrl: apiUrl, token: () => principal.value });

/** Runs `listener` when another principal is picked. */
export function onPrincipalChange(listener: () => void): void {
  principal.addEventListener("change", listener);
}

/**
 * A line to show for an error answer: `404 GO_REQUEST_NOT_FOUND: no Go request ...` from a function, or API
 * Gateway's own `401 Unauthorized` (no function answered).
 */
export function describeError(error: ApiError, response: Response): string {
  return "error" in error ? `${response.status} ${error.error.code}: ${error.error.message}` : `${response.status} ${error.message}`;
}

/**
 * What to show when a call got no answer at all. A browser reports a refused connection and a refusal by CORS alike,
 * as a TypeError with nothing to read, so say what to check.
 */
export function describeFailure(failure: unknown): string {
  return `No answer from ${apiUrl} (${failure}). Is ./run running, and does it allow this page's origin, ${location.origin}?`;
}
