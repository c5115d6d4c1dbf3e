/**
 * A typed client for the Cloudcheck serverless kit's HTTP API. Every path, parameter, body and answer is typed from
 * openapi.yaml (src/schema.d.ts, generated: `npm run generate`); calls go through openapi-fetch, which returns
 * `{ data, error, response }` instead of throwing on an error status.
 *
 *   const api = createCloudcheckKitClient({ baseUrl: "http://127.0.0.1:3000", token: "local-dev-token" });
 *   const { data, error } = await api.GET("/go/requests/{goApiReference}", { params: { path: { goApiReference } } });
 */
import createClient, { type Client } from "openapi-fetch";
import type { GatewayMessage, Problem, paths } from "./schema";

/**
 * `paths`, `components`, `operations`, and every schema of the document as a type of its own name: `GoRequest`,
 * `ZipJob`, `Download`, `Problem` (the body of every error answer: `{"error": {"code", "message", "problems"?}}`),
 * `ProblemItem` (one problem: the field, such as `recipients[0].emailAddress`, the rule broken, a message)...
 */
export type * from "./schema";

/**
 * What an error answer can be: the functions' `Problem`, or API Gateway's own `{"message"}` when no function answered
 * (no or bad JWT, throttling, a body over 10 MB, a function that failed or timed out).
 */
export type ApiError = Problem | GatewayMessage;

export type CloudcheckKitClient = Client<paths>;

export interface CloudcheckKitClientOptions {
  /** The API's address: the stack's `ApiUrl` output, or http://127.0.0.1:3000 for `./run`. */
  baseUrl: string;
  /**
   * The bearer token: a JWT from the issuer the stack trusts (`./run`: `local-dev-token`, `local-user-a`,
   * `local-user-b`), or a function that returns the current one, called before each request.
   */
  token: string | (() => string | Promise<string>);
  /** A fetch to use instead of the global one (tests, a server without one). */
  fetch?: typeof globalThis.fetch;
}

/** A client for the API, sending `Authorization: Bearer <token>` with every request. */
export function createCloudcheckKitClient(options: CloudcheckKitClientOptions): CloudcheckKitClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl.replace(/\/+$/, ""), fetch: options.fetch });
  const { token } = options;
  client.use({
    async onRequest({ request }) {
      request.headers.set("Authorization", `Bearer ${typeof token === "function" ? await token() : token}`);
      return request;
    },
  });
  return client;
}
