import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * Test helpers for the PostgreSQL path. Each run gets a database of its own, created on the
 * server named by TEST_DATABASE_URL (default: the local test server) and dropped afterwards, so
 * parallel runs never collide.
 */
export const TEST_POSTGRES_URL =
  process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** In CI a missing server must fail the run instead of skipping its tests. */
export const POSTGRES_REQUIRED = process.env.DATCHUAN_REQUIRE_POSTGRES === "1";

export async function probePostgres(): Promise<string | null> {
  const client = new pg.Client({
    connectionString: TEST_POSTGRES_URL,
    connectionTimeoutMillis: 3_000,
  });
  try {
    await client.connect();
    await client.query("select 1");
    return null;
  } catch (error) {
    return `PostgreSQL tests skipped: no server at ${TEST_POSTGRES_URL} (${(error as Error).message}). Set TEST_DATABASE_URL to run them.`;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Decides once per test file whether the PostgreSQL suite runs. Skipping is announced on stderr,
 * and refused when DATCHUAN_REQUIRE_POSTGRES=1.
 */
export async function postgresSuiteEnabled(): Promise<boolean> {
  const problem = await probePostgres();
  if (!problem) return true;
  if (POSTGRES_REQUIRED) throw new Error(`${problem} (required: DATCHUAN_REQUIRE_POSTGRES=1)`);
  console.warn(problem);
  return false;
}

export async function createTestPostgresDatabase(): Promise<{
  url: string;
  drop(): Promise<void>;
}> {
  const name = `datchuan_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
