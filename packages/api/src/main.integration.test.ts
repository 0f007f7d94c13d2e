import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const tsx = join(packageDir, "node_modules", ".bin", "tsx");
const temporary: string[] = [];

afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "datchuan-main-"));
  temporary.push(dir);
  return dir;
}

function startMain(env: Record<string, string>): ChildProcess {
  return spawn(tsx, ["src/main.ts"], {
    cwd: packageDir,
    env: { ...process.env, LOG_LEVEL: "silent", HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

async function run(env: Record<string, string>) {
  const child = startMain(env);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => (stdout += chunk));
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  const [code] = (await once(child, "exit")) as [number];
  return { code, stdout, stderr };
}

/** Waits until the server prints its URLs. */
async function waitForStart(child: ChildProcess): Promise<string> {
  let output = "";
  for await (const chunk of child.stdout!) {
    output += chunk;
    if (output.includes("/commune/")) return output;
  }
  throw new Error(`server exited before starting: ${output}`);
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}

describe("pnpm start (src/main.ts)", () => {
  it("starts, prints the three URLs, keeps data across restarts, refuses a second process, stops on SIGTERM", async () => {
    const dataDir = await tempDir();
    const port = await freePort();
    const first = startMain({ DATA_DIR: dataDir, PORT: String(port) });
    const banner = await waitForStart(first);
    expect(banner).toContain(`http://localhost:${port}/admin/`);
    expect(banner).toContain("dữ liệu mẫu");

    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(await health.json()).toEqual({ status: "ok", database: "pglite" });

    // A second server on the same data folder must not open it.
    const second = await run({ DATA_DIR: dataDir, PORT: String(await freePort()) });
    expect(second.code).toBe(1);
    expect(second.stderr.trim().split("\n")).toHaveLength(1);
    expect(second.stderr).toContain("in use by another");

    first.kill("SIGTERM");
    const [code] = (await once(first, "exit")) as [number];
    expect(code).toBe(0);

    // Restart on the same folder: the data is still there, so nothing is seeded again.
    const again = startMain({ DATA_DIR: dataDir, PORT: String(port) });
    const bannerAgain = await waitForStart(again);
    expect(bannerAgain).not.toContain("dữ liệu mẫu");
    const input = encodeURIComponent(JSON.stringify({ levels: ["commune"] }));
    const communes = await fetch(`http://127.0.0.1:${port}/trpc/unit.list?input=${input}`);
    const body = (await communes.json()) as { result: { data: unknown[] } };
    // The full demo: 22 reviewed communes, 4 of them merged into 2 on 1 July 2025 (made up).
    expect(body.result.data).toHaveLength(20);
    again.kill("SIGINT");
    expect(((await once(again, "exit")) as [number])[0]).toBe(0);
  }, 300_000);

  it("reports a port in use in one line", async () => {
    const blocker = createServer();
    blocker.listen(0, "127.0.0.1");
    await once(blocker, "listening");
    const { port } = blocker.address() as { port: number };
    try {
      const result = await run({ DATA_DIR: await tempDir(), PORT: String(port) });
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe(
        `Đạt Chuẩn không khởi động được: Port ${port} is already in use; stop what runs there or set PORT to another port.`,
      );
    } finally {
      blocker.close();
    }
  });

  it.each([
    [{ DATABASE_URL: "not-a-url" }, /DATABASE_URL is not a valid URL/u],
    [
      { DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" },
      /Cannot connect to PostgreSQL at postgres:\/\/127\.0\.0\.1:1\/none/u,
    ],
    [{ PORT: "abc" }, /PORT: PORT must be a number/u],
  ])("reports bad configuration %o in one line", async (env, message) => {
    const result = await run({ DATA_DIR: await tempDir(), ...env });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it("reports a data folder that cannot be written in one line", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "file"), "x");
    const result = await run({ DATA_DIR: join(dir, "file", "data"), PORT: "0" });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain("cannot be created or written");
  });
});
