/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The API's base URL; ./run's http://127.0.0.1:3000 when unset. */
  readonly VITE_API_URL?: string;
}
