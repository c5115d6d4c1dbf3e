// Starts what the browser test needs, each on a free port: the local stack (./run: the API, moto and the Cloudcheck
// sandbox) and the page (Vite's dev server, pointed at that API). Everything started is stopped by stopAll(), even
// after a failure.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const webDir = fileURLToPath(new URL("..", import.meta.url));
export const repoDir = fileURLToPath(new URL("../../..", import.meta.url));

const started = [];

/** A TCP port nothing listens on now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts ./run with its three ports, allowing `webOrigin` to call the API, and waits until the API answers.
 * The first ./run after a source change builds the stack's jar (Maven) first: allow for that.
 */
export async function startStack({ apiPort, awsPort, sandboxPort, webOrigin, logFile }) {
  const run = startProcess("./run", [], {
    cwd: repoDir,
    logFile,
    env: {
      LOCAL_API_PORT: String(apiPort),
      LOCAL_AWS_PORT: String(awsPort),
      SANDBOX_PORT: String(sandboxPort),
      PARAMETER_OVERRIDES: `CorsAllowedOrigins=${webOrigin}`,
    },
  });
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  await waitUntil(run, `./run on ${apiUrl} (log: ${logFile})`, 600_000, async () => {
    const response = await fetch(`${apiUrl}/intents`, { headers: { Authorization: "Bearer local-dev-token" } });
    return response.ok;
  });
  return { apiUrl, sandboxUrl: `http://127.0.0.1:${sandboxPort}` };
}

/** Starts Vite's dev server for the example page on `port`, calling `apiUrl`, and waits until it serves the page. */
export async function startWeb({ port, apiUrl, logFile }) {
  const vite = join(dirname(createRequire(import.meta.url).resolve("vite/package.json")), "bin", "vite.js");
  const server = startProcess(process.execPath, [vite, "--host", "127.0.0.1", "--port", String(port), "--strictPort"], {
    cwd: webDir,
    logFile,
    env: { VITE_API_URL: apiUrl },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(server, `the page on ${url} (log: ${logFile})`, 60_000, async () => (await fetch(url)).ok);
  return url;
}

/**
 * Stops everything started, newest first: SIGTERM to each process group (./run's JVM stops its moto_server and
 * sandbox on it), then SIGKILL to what is left after 30 s.
 */
export async function stopAll() {
  for (const child of started.reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    signal(child, "SIGTERM");
    const timer = setTimeout(() => signal(child, "SIGKILL"), 30_000);
    await exited;
    clearTimeout(timer);
  }
  started.length = 0;
}

// Ctrl-C or a kill of the test run still stops what it started.
for (const name of ["SIGINT", "SIGTERM"]) {
  process.once(name, () => {
    stopAll().finally(() => process.exit(130));
  });
}

function startProcess(command, args, { cwd, env, logFile }) {
  const log = createWriteStream(logFile);
  // detached: a process group of its own, so that a signal reaches a child's children too (./run before its exec).
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  started.push(child);
  return child;
}

function signal(child, name) {
  try {
    process.kill(-child.pid, name);
  } catch {
    // already gone
  }
}

async function waitUntil(child, what, timeoutMs, ready) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    }
    try {
      if (await ready()) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${what} was not ready within ${timeoutMs / 1000} s`);
}
