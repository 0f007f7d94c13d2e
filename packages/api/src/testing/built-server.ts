import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildServer } from "../../build.mjs";

const packageDir = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Builds the server as `pnpm build` does, into a folder of this test file's own (inside the
 * package, where its dependencies resolve), and returns the entry to run.
 */
export async function buildServerForTest(name: string): Promise<string> {
  const outdir = join(packageDir, "node_modules", ".cache", `built-server-${name}`);
  await buildServer(outdir);
  return join(outdir, "main.js");
}

export interface BuiltServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** Everything printed so far on stdout and stderr. */
  output(): string;
  /** Sends `signal` and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartOptions {
  /** Extra node flags, e.g. `--import` of a probe. */
  nodeArgs?: string[];
}

/** The environment a built server gets: the test's own, minus vitest's NODE_ENV=test. */
function serverEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { NODE_ENV: _vitest, ...inherited } = process.env;
  return { ...inherited, LOG_LEVEL: "silent", HOST: "127.0.0.1", PORT: "0", ...env };
}

function spawnServer(main: string, env: Record<string, string>, options: StartOptions = {}) {
  return spawn(process.execPath, [...(options.nodeArgs ?? []), "--enable-source-maps", main], {
    cwd: packageDir,
    env: serverEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/**
 * Starts the built server as `pnpm start` runs it and waits for its banner, reading the port it
 * listens on from there (start it with PORT=0 to get a free one).
 */
export async function startBuiltServer(
  main: string,
  env: Record<string, string>,
  options: StartOptions = {},
): Promise<BuiltServerProcess> {
  const child = spawnServer(main, env, options);
  let output = "";
  child.stderr?.on("data", (chunk) => (output += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /http:\/\/localhost:(\d+)\/commune\//u.exec(output);
      if (match) {
        child.stdout?.off("data", onData);
        child.stdout?.on("data", (more) => (output += more));
        resolve(Number(match[1]));
      }
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`server exited (${code}) before starting:\n${output}`)),
    );
  });
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    async stop(signal = "SIGTERM") {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = once(child, "exit") as Promise<[number | null]>;
      child.kill(signal);
      return (await exited)[0];
    },
  };
}

/** Runs the built server to its exit (for configurations that must stop it at once). */
export async function runBuiltServer(main: string, env: Record<string, string>) {
  const child = spawnServer(main, env);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => (stdout += chunk));
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  const [code] = (await once(child, "exit")) as [number];
  return { code, stdout, stderr };
}
