import { PGlite, type QueryOptions, types } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { preparingStatements } from "./pglite-statements";

// One PGlite for the file; each test works in tables of its own.
let raw: PGlite;
let client: PGlite;

beforeAll(async () => {
  raw = await PGlite.create();
  client = preparingStatements(raw, 4);
});
afterAll(() => raw.close());

/** The statements the session holds, as Postgres lists them. */
async function preparedTexts(): Promise<string[]> {
  const { rows } = await raw.query<{ statement: string }>(
    "select statement from pg_prepared_statements where name like 'datchuan_%'",
  );
  return rows.map((r) => r.statement);
}

// drizzle's options: rows as arrays, dates and timestamps kept as text.
const drizzleLike: QueryOptions = {
  rowMode: "array",
  parsers: { [types.TIMESTAMPTZ]: (v: string) => v, [types.DATE]: (v: string) => v },
};

describe("preparingStatements", () => {
  beforeAll(async () => {
    await raw.exec(`
      create table value_row (
        id serial primary key, report uuid not null, code text not null, value jsonb,
        tags text[], at timestamptz not null default '2026-05-19 08:00:00+07', day date,
        amount numeric, big int8, done boolean, unique (report, code)
      );
      insert into value_row (report, code, value, tags, day, amount, big, done) values
        ('7b8e2c4a-58f5-4c1e-9a4b-6b0de3f7a001', 'TC1.1', '{"kind":"number","value":7.46}',
         '{Hoà,"a b"}', '2023-05-19', 7.46, 9007199254740993, true),
        ('7b8e2c4a-58f5-4c1e-9a4b-6b0de3f7a001', 'TC2.1', null, null, null, null, null, null);
    `);
  });

  it("answers every query as PGlite's own query does: values, types, rows as objects or arrays", async () => {
    const queries: Array<[string, unknown[], QueryOptions | undefined]> = [
      ["select * from value_row order by id", [], undefined],
      ["select * from value_row where code = $1", ["TC1.1"], drizzleLike],
      [
        "select code, value from value_row where report = any($1::uuid[]) and done = $2",
        [["7b8e2c4a-58f5-4c1e-9a4b-6b0de3f7a001"], true],
        undefined,
      ],
      [
        "select $1::jsonb as doc, $2::text as note",
        [{ kind: "boolean", value: false }, null],
        undefined,
      ],
      ["select count(*) as n, sum(amount) from value_row", [], { rowMode: "array" }],
    ];
    for (const [text, params, options] of queries) {
      const ours = await client.query(text, params, options);
      const theirs = await raw.query(text, params, options);
      expect(ours).toEqual(theirs);
    }
    const [row] = (
      await client.query("select * from value_row where code = $1", ["TC1.1"], drizzleLike)
    ).rows as unknown[][];
    // The caller's parsers win for their types; the client's parse the rest.
    expect(row).toContain("2026-05-19 01:00:00+00");
    expect(row).toContainEqual({ kind: "number", value: 7.46 });
    expect(row).toContainEqual(["Hoà", "a b"]);
  });

  it("parses a statement once and then only binds it, in and out of transactions", async () => {
    const text = "select code from value_row where code = $1";
    for (const code of ["TC1.1", "TC2.1", "TC9.9"]) await client.query(text, [code]);
    await client.transaction(async (tx) => {
      expect((await tx.query(text, ["TC2.1"])).rows).toEqual([{ code: "TC2.1" }]);
    });
    expect((await preparedTexts()).filter((t) => t === text)).toHaveLength(1);
  });

  it("keeps the statements it was told to, closing the least recently used", async () => {
    const texts = Array.from({ length: 6 }, (_, i) => `select ${i} as n, $1::text as code`);
    for (const text of texts) await client.query(text, ["x"]);
    const kept = await preparedTexts();
    expect(kept).toHaveLength(4);
    expect(kept.sort()).toEqual(texts.slice(2).sort());
    // One closed is prepared again when asked for.
    expect((await client.query(texts[0]!, ["y"])).rows).toEqual([{ n: 0, code: "y" }]);
  });

  it("fails as PGlite fails, and the statement serves again after", async () => {
    const insert = "insert into value_row (report, code) values ($1, $2) returning id";
    const report = "7b8e2c4a-58f5-4c1e-9a4b-6b0de3f7a002";
    await client.query(insert, [report, "TC1.1"]);
    const error = await client.query(insert, [report, "TC1.1"]).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "23505", query: insert, params: [report, "TC1.1"] });
    // A failed transaction is undone whole; the client goes on.
    await expect(
      client.transaction(async (tx) => {
        await tx.query(insert, [report, "TC3.1"]);
        await tx.query(insert, [report, "TC1.1"]);
      }),
    ).rejects.toMatchObject({ code: "23505" });
    const { rows } = await client.query("select code from value_row where report = $1", [report]);
    expect(rows).toEqual([{ code: "TC1.1" }]);
    expect((await client.query(insert, [report, "TC4.1"])).rows).toHaveLength(1);
    await expect(client.query("selec 1")).rejects.toMatchObject({ code: "42601" });
  });

  it("prepares afresh a statement whose table changed under it", async () => {
    await client.exec("create table changing (a int); insert into changing values (1)");
    const text = "select * from changing";
    expect((await client.query(text)).rows).toEqual([{ a: 1 }]);
    await client.exec("alter table changing add column b int");
    // Alone, the query is run again at once.
    expect((await client.query(text)).rows).toEqual([{ a: 1, b: null }]);
    // In a transaction, Postgres's refusal of the kept plan fails it; the next use prepares anew.
    await client.exec("alter table changing add column c int");
    await expect(client.transaction((tx) => tx.query(text))).rejects.toMatchObject({
      code: "0A000",
    });
    expect((await client.query(text)).rows).toEqual([{ a: 1, b: null, c: null }]);
  });

  it("delivers a commit's notifications to the client's listeners", async () => {
    const heard: string[] = [];
    await raw.listen("value_saved", (payload) => heard.push(payload));
    await client.query("select pg_notify('value_saved', $1)", ["outside"]);
    await client.transaction(async (tx) => {
      await tx.query("select pg_notify('value_saved', $1)", ["inside"]);
    });
    expect(heard).toEqual(["outside", "inside"]);
  });

  it("refuses a query on a transaction that has ended", async () => {
    let ended: { query: PGlite["query"] } | undefined;
    await client.transaction(async (tx) => {
      ended = tx;
    });
    await expect(ended!.query("select 1")).rejects.toThrow("Transaction is closed");
  });
});
