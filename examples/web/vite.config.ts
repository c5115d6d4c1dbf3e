import { defineConfig } from "vite";

export default defineConfig({
  // ./run allows this origin (http://localhost:5173) to call the API from a browser.
  server: { port: 5173, strictPort: true },
  preview: { port: 5173, strictPort: true },
});
