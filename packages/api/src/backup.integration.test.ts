import { existsSync } from "node:fs";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "@datchuan/cli/run";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "./server";
import { callerAs } from "./testing";

/**
 * Backup and restore of the embedded database with the commands the README gives
 * (`pnpm datchuan backup …`, `pnpm datchuan restore …`), round-tripped through a real server.
 */
const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function folder() {
  const dir = await mkdtemp(join(tmpdir(), "datchuan-backup-"));
  folders.push(dir);
  return dir;
}

async function datchuan(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, {
    readFile: () => Promise.reject(new Error("not read")),
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
  });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

const start = (dataDir: string) =>
  startServer({
    port: 0,
    host: "127.0.0.1",
    database: { kind: "pglite", dataDir },
    seedDemoData: true,
    logger: pino({ level: "silent" }),
  });

const key = { unitCode: "THO-XUAN.XUAN-MINH", setId: "ntm-xa-2021-2025", period: "2024-08" };

describe("backup and restore of the embedded database", () => {
  it("backs up a stopped server's data, refuses a running one's, and restores into a new folder that a server starts on with the same data", async () => {
    const source = join(await folder(), "data");
    const backup = join(await folder(), "nested", "backup.tar.gz");
    let server: RunningServer | undefined = await start(source);
    try {
      const officer = await callerAs(server.database.db, "xa.xuanminh");
      await officer.report.saveValue({
        ...key,
        indicatorCode: "17.1",
        value: { kind: "number", period: key.period, value: 87.5 },
        evidenceNote: "Biên bản kiểm tra nước sạch tháng 8",
        expectedRowVersion: null,
      });

      // A live server holds the folder: a backup now could copy a database mid-write.
      const refused = await datchuan("backup", "--data-dir", source, "--out", backup);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^datchuan: .*in use by another Đạt Chuẩn process/u);
      expect(existsSync(backup)).toBe(false);
    } finally {
      await server.stop();
    }

    const done = await datchuan("backup", "--data-dir", source, "--out", backup);
    expect(done).toMatchObject({ code: 0, stderr: "" });
    expect(done.stdout).toContain("Đã sao lưu");
    expect((await stat(backup)).size).toBeGreaterThan(100_000);

    const target = join(await folder(), "restored");
    const restored = await datchuan("restore", "--from", backup, "--data-dir", target);
    expect(restored).toMatchObject({ code: 0, stderr: "" });
    expect(restored.stdout).toContain("Đã khôi phục");
    // Never over a database: a folder that holds anything is refused.
    const again = await datchuan("restore", "--from", backup, "--data-dir", target);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("is not empty");

    server = await start(target);
    try {
      // The restored database is not empty, so nothing is seeded over it.
      expect(server.seeded).toBe(false);
      const officer = await callerAs(server.database.db, "xa.xuanminh");
      const report = await officer.report.get(key);
      expect(report?.values).toEqual([
        expect.objectContaining({
          indicatorCode: "17.1",
          evidenceNote: "Biên bản kiểm tra nước sạch tháng 8",
        }),
      ]);
      expect(report?.verdict).not.toBeNull();
      // And over HTTP, as a user would read it.
      const input = encodeURIComponent(JSON.stringify({ levels: ["commune"] }));
      const units = await fetch(`${server.url}/trpc/unit.list?input=${input}`);
      expect(((await units.json()) as { result: { data: unknown[] } }).result.data).toHaveLength(
        22,
      );
    } finally {
      await server.stop();
    }
  });

  it("says in one line what is wrong with a folder or a file", async () => {
    const empty = await folder();
    const notData = await datchuan("backup", "--data-dir", empty, "--out", join(empty, "b.tar.gz"));
    expect(notData.code).toBe(1);
    expect(notData.stderr).toContain("does not hold an embedded Đạt Chuẩn database");

    const bogus = join(await folder(), "bogus.tar.gz");
    await writeFile(bogus, "not a backup");
    const target = join(await folder(), "restored");
    const wrong = await datchuan("restore", "--from", bogus, "--data-dir", target);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr.split("\n")).toHaveLength(1);
    expect(wrong.stderr).toContain("is not a Đạt Chuẩn backup");

    const missing = await datchuan(
      "restore",
      "--from",
      join(empty, "none.tar.gz"),
      "--data-dir",
      target,
    );
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Cannot read the backup");

    const usage = await datchuan("backup", "--data-dir", empty);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("--out");
  });
});
