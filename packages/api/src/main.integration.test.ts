import { once } from "node:events";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServerForTest, runBuiltServer, startBuiltServer } from "./testing/built-server";

const temporary: string[] = [];
const probe = fileURLToPath(new URL("./testing/loaded-modules.mjs", import.meta.url));
let main: string;

beforeAll(async () => {
  main = await buildServerForTest("main");
});

afterAll(async () => {
  await Promise.all(temporary.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "datchuan-main-"));
  temporary.push(dir);
  return dir;
}

const run = (env: Record<string, string>) => runBuiltServer(main, env);

describe("pnpm start (the built server, dist/main.js)", () => {
  it("runs built code in production mode: no tsx, no TypeScript compiler, no .ts source", async () => {
    const moduleLog = join(await tempDir(), "modules.log");
    await writeFile(moduleLog, "");
    const server = await startBuiltServer(
      main,
      { DATA_DIR: await tempDir(), SEED_DEMO_DATA: "false", DATCHUAN_MODULE_LOG: moduleLog },
      { nodeArgs: ["--import", probe] },
    );
    const health = await fetch(`${server.url}/health`);
    expect(await health.json()).toEqual({ status: "ok", database: "pglite" });
    const ready = await fetch(`${server.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await server.stop()).toBe(0);

    expect(server.child.spawnargs.join(" ")).not.toMatch(/tsx|typescript/u);
    const loaded = (await readFile(moduleLog, "utf8")).trim().split("\n");
    // The probe saw the server's real imports (ES modules and CommonJS both)…
    expect(loaded.some((line) => line.includes("/node_modules/hono/"))).toBe(true);
    expect(loaded.some((line) => line.includes("/@electric-sql/pglite/"))).toBe(true);
    expect(loaded.some((line) => line.startsWith("cjs ") && line.includes("/pg/"))).toBe(true);
    // …and nothing that compiles TypeScript, nor any TypeScript source.
    const compilers = loaded.filter((line) =>
      /\/node_modules\/(\.pnpm\/)?(tsx|typescript|esbuild|@esbuild)[@/]|\.[cm]?tsx?$/u.test(line),
    );
    expect(compilers).toEqual([]);
    expect(loaded).toContain("env NODE_ENV=production");
  });

  it("starts, prints the three URLs, keeps data across restarts, refuses a second process, stops on SIGTERM", async () => {
    const dataDir = await tempDir();
    const first = await startBuiltServer(main, { DATA_DIR: dataDir });
    expect(first.output()).toContain(`http://localhost:${first.port}/admin/`);
    expect(first.output()).toContain("dữ liệu mẫu");

    const health = await fetch(`${first.url}/health`);
    expect(await health.json()).toEqual({ status: "ok", database: "pglite" });

    // A second server on the same data folder must not open it.
    const second = await run({ DATA_DIR: dataDir });
    expect(second.code).toBe(1);
    expect(second.stderr.trim().split("\n")).toHaveLength(1);
    expect(second.stderr).toContain("in use by another");

    expect(await first.stop("SIGTERM")).toBe(0);

    // Restart on the same folder: the data is still there, so nothing is seeded again.
    const again = await startBuiltServer(main, { DATA_DIR: dataDir });
    expect(again.output()).not.toContain("dữ liệu mẫu");
    const input = encodeURIComponent(JSON.stringify({ levels: ["commune"] }));
    const communes = await fetch(`${again.url}/trpc/unit.list?input=${input}`);
    const body = (await communes.json()) as { result: { data: unknown[] } };
    // The full demo: 22 reviewed communes, 4 of them merged into 2 on 1 July 2025 (made up).
    expect(body.result.data).toHaveLength(20);
    expect(await again.stop("SIGINT")).toBe(0);
  });

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
