import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { DatabaseConfigError, lockDataFolder } from "./client";

export { DatabaseConfigError };

/** A backup or restore the operator must fix (wrong folder, server running…): one line. */
export class BackupError extends DatabaseConfigError {
  override name = "BackupError";
}

const LOCK = ".datchuan.lock";

async function entriesOf(dir: string): Promise<string[] | undefined> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * Backs up the embedded database in `dataDir` to `out` (a gzipped tarball of the PostgreSQL data
 * folder, PGlite's `dumpDataDir`), consistently: it takes the folder's lock, so it refuses a
 * folder a running server holds (stop the server first) and no server can start meanwhile.
 * Written to a temporary name and renamed, so `out` is never a half-written backup.
 */
export async function backupDataDir(params: { dataDir: string; out: string }) {
  const entries = await entriesOf(params.dataDir);
  if (!entries?.includes("PG_VERSION")) {
    throw new BackupError(`${params.dataDir} does not hold an embedded Đạt Chuẩn database.`);
  }
  const release = await lockDataFolder(params.dataDir, { wait: false });
  try {
    const client = await PGlite.create(params.dataDir);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await (await client.dumpDataDir("gzip")).arrayBuffer());
    } finally {
      await client.close();
    }
    await mkdir(dirname(params.out), { recursive: true });
    const partial = `${params.out}.${randomBytes(4).toString("hex")}.partial`;
    await writeFile(partial, bytes);
    await rename(partial, params.out);
    return { bytes: bytes.byteLength };
  } finally {
    await release();
  }
}

/**
 * Restores a backup into `dataDir`, which must be new or empty (a restore never overwrites a
 * database: restore beside it, then point DATA_DIR there). The folder is locked meanwhile, and
 * the restored database is opened and queried before the restore counts as done.
 */
export async function restoreDataDir(params: { from: string; dataDir: string }) {
  let archive: Buffer;
  try {
    archive = await readFile(params.from);
  } catch (error) {
    throw new BackupError(
      `Cannot read the backup ${params.from} (${(error as NodeJS.ErrnoException).code ?? String(error)}).`,
    );
  }
  const entries = await entriesOf(params.dataDir);
  if (entries?.some((entry) => entry !== LOCK)) {
    throw new BackupError(
      `${params.dataDir} is not empty; restore into a new folder, then set DATA_DIR to it.`,
    );
  }
  await mkdir(params.dataDir, { recursive: true });
  const release = await lockDataFolder(params.dataDir, { wait: false });
  let units: number;
  try {
    let client: PGlite;
    try {
      client = await PGlite.create(params.dataDir, { loadDataDir: new Blob([archive]) });
    } catch (error) {
      throw new BackupError(
        `${params.from} is not a Đạt Chuẩn backup (${(error as Error).message || String(error)}).`,
      );
    }
    try {
      const { rows } = await client.query<{ units: number }>(
        "select count(*)::int as units from unit",
      );
      units = rows[0]?.units ?? 0;
    } finally {
      await client.close();
    }
  } catch (error) {
    // Leave no half-restored folder behind that a server could later open.
    await release();
    const left = (await entriesOf(params.dataDir)) ?? [];
    await Promise.all(
      left.map((entry) => rm(`${params.dataDir}/${entry}`, { recursive: true, force: true })),
    );
    throw error;
  }
  await release();
  return { units };
}
