import { once } from "node:events";
import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DatabaseConfigError,
  type DatabaseHandle,
  dataFolderLockOptions,
  lockDataFolder,
  openDatabase,
  pingDatabase,
  prepareDatabase,
} from "./client";
import { getUnitByCode, listChildUnits, listUnits, searchUnits } from "./queries/units";
import { THO_XUAN_NANG_CAO_COMMUNES, THO_XUAN_NTM_COMMUNES } from "./seed/tho-xuan";
import { createTestPostgresDatabase, postgresSuiteEnabled } from "./testing";

const postgresEnabled = await postgresSuiteEnabled();

/** The same contract, run on each driver. */
function describeDatabase(
  name: string,
  open: () => Promise<{ handle: DatabaseHandle; cleanup(): Promise<void> }>,
) {
  describe(name, () => {
    let handle: DatabaseHandle;
    let cleanup: () => Promise<void>;

    beforeAll(async () => {
      ({ handle, cleanup } = await open());
    });
    afterAll(async () => {
      await handle?.close();
      await cleanup?.();
    });

    it("migrates and seeds an empty database once", async () => {
      expect(await prepareDatabase(handle, { seedDemoData: true })).toEqual({ seeded: true });
      expect(await prepareDatabase(handle, { seedDemoData: true })).toEqual({ seeded: false });
      await pingDatabase(handle.db);
    });

    it("stores the Thọ Xuân tree: one district, 22 communes, their villages", async () => {
      const communes = await listUnits(handle.db, { levels: ["commune"] });
      expect(communes).toHaveLength(22);
      expect(communes.map((c) => c.name).sort()).toEqual(
        [...THO_XUAN_NTM_COMMUNES, ...THO_XUAN_NANG_CAO_COMMUNES].sort(),
      );
      const district = await getUnitByCode(handle.db, "THO-XUAN");
      expect(district).toMatchObject({
        name: "Thọ Xuân",
        level: "district",
        parentCode: "THANH-HOA",
      });
      const villages = await listChildUnits(handle.db, "THO-XUAN.XUAN-MINH");
      expect(villages.length).toBeGreaterThanOrEqual(4);
      expect(
        villages.every((v) => v.level === "village" && v.parentCode === "THO-XUAN.XUAN-MINH"),
      ).toBe(true);
    });

    it("lists parents before children", async () => {
      const all = await listUnits(handle.db);
      const seen = new Set<string>();
      for (const unit of all) {
        if (unit.parentCode) expect(seen.has(unit.parentCode)).toBe(true);
        seen.add(unit.code);
      }
    });

    it("finds units ignoring tone marks and their placement", async () => {
      for (const query of ["xuan hoa", "Xuân Hoà", "XUÂN HÒA"]) {
        const found = await searchUnits(handle.db, { query, levels: ["commune"] });
        expect(found.map((u) => u.name)).toEqual(["Xuân Hòa"]);
      }
      expect(await searchUnits(handle.db, { query: "100%_" })).toEqual([]);
    });
  });
}

describeDatabase("PGlite on disk", async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "datchuan-db-"));
  const handle = await openDatabase({ kind: "pglite", dataDir });
  return { handle, cleanup: () => rm(dataDir, { recursive: true, force: true }) };
});

describe.skipIf(!postgresEnabled)("PostgreSQL", () => {
  describeDatabase("node-postgres", async () => {
    const database = await createTestPostgresDatabase();
    const handle = await openDatabase({ kind: "postgres", url: database.url });
    return { handle, cleanup: () => database.drop() };
  });
});

describe("PGlite data folder", () => {
  it("keeps data across a restart and refuses a second process", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "datchuan-db-"));
    try {
      const first = await openDatabase({ kind: "pglite", dataDir });
      await prepareDatabase(first, { seedDemoData: true });
      await expect(openDatabase({ kind: "pglite", dataDir })).rejects.toThrow(/in use by another/u);
      await first.close();

      const second = await openDatabase({ kind: "pglite", dataDir });
      expect(await prepareDatabase(second, { seedDemoData: true })).toEqual({ seeded: false });
      expect(await listUnits(second.db, { levels: ["commune"] })).toHaveLength(22);
      await second.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("keeps the folder locked while its server's thread is busy for seconds", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "datchuan-db-"));
    try {
      const release = await lockDataFolder(dataDir, { wait: false });
      // Another process, as near as a test gets: a thread with its own event loop tries the
      // lock 8 s into a stretch where this thread, which refreshes it, does nothing else (what
      // one long PGlite statement on a loaded machine does).
      const answered = new Int32Array(new SharedArrayBuffer(8));
      const worker = new Worker(
        `const { workerData } = require("node:worker_threads");
        const lockfile = require(workerData.module);
        const answer = (code) => {
          Atomics.store(workerData.answered, 1, code);
          Atomics.store(workerData.answered, 0, 1);
          Atomics.notify(workerData.answered, 0);
        };
        setTimeout(() => {
          lockfile.lock(workerData.dataDir, workerData.options).then(
            (release) => release().then(() => answer(1)),
            (error) => answer(error.code === "ELOCKED" ? 2 : 3),
          );
        }, 8000);`,
        {
          eval: true,
          workerData: {
            module: createRequire(import.meta.url).resolve("proper-lockfile"),
            dataDir,
            options: dataFolderLockOptions(dataDir, { wait: false }),
            answered,
          },
        },
      );
      await once(worker, "online");
      Atomics.wait(answered, 0, 0, 120_000);
      await worker.terminate();
      // 2: refused as held; 1 would be a live server's folder taken over.
      expect(Atomics.load(answered, 1)).toBe(2);
      await release();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("takes over the lock of a server that died without releasing it", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "datchuan-db-"));
    try {
      const lock = join(dataDir, ".datchuan.lock");
      await mkdir(lock);
      const aMinuteAgo = new Date(Date.now() - 60_000);
      await utimes(lock, aMinuteAgo, aMinuteAgo);
      const handle = await openDatabase({ kind: "pglite", dataDir });
      await handle.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("reports a folder that cannot be created", async () => {
    const parent = await mkdtemp(join(tmpdir(), "datchuan-db-"));
    const file = join(parent, "a-file");
    await writeFile(file, "not a folder");
    try {
      const attempt = openDatabase({ kind: "pglite", dataDir: join(file, "data") });
      await expect(attempt).rejects.toBeInstanceOf(DatabaseConfigError);
      await expect(attempt).rejects.toThrow(/cannot be created or written/u);
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});

describe("DATABASE_URL problems", () => {
  it.each([
    ["not a url", /not a valid URL/u],
    ["mysql://root@127.0.0.1/test", /must start with postgres/u],
    ["postgres://127.0.0.1", /must name a host and a database/u],
  ])("%s is refused before connecting", async (url, message) => {
    await expect(openDatabase({ kind: "postgres", url })).rejects.toThrow(message);
  });

  it("reports an unreachable server in one line", async () => {
    const attempt = openDatabase({
      kind: "postgres",
      url: "postgres://nobody:secret@127.0.0.1:1/none",
    });
    await expect(attempt).rejects.toBeInstanceOf(DatabaseConfigError);
    await expect(attempt).rejects.toThrow(
      /^Cannot connect to PostgreSQL at postgres:\/\/127\.0\.0\.1:1\/none/u,
    );
    await expect(attempt).rejects.not.toThrow(/secret/u);
  });
});
