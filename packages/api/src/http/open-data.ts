import { createHash } from "node:crypto";
import { type Database, getUnitRef } from "@datchuan/db";
import { isoDateSchema, unitCodeSchema, vietnamDate } from "@datchuan/domain";
import { stringify } from "csv-stringify/sync";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { listStoredVersions } from "../services/criteria-sets";
import { summariseStanding } from "../services/review";
import type { AppEnv } from "./client";

/** The set a table is about when the reader names none: the national NTM commune set. */
export const DEFAULT_SET_ID = "ntm-xa-2021-2025";

/** Caches may keep a table a minute, and serve it stale for ten while they revalidate. */
export const OPEN_DATA_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=600";

const setIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "Mã bộ tiêu chí chỉ gồm chữ thường, số và dấu gạch ngang");

const error = (message: string) => ({ error: { message } });

type Row = Record<string, string | number | boolean | null>;

/** A table: its English machine keys, in order, and its rows. */
interface Table {
  columns: readonly string[];
  rows: Row[];
}

const STANDING_COLUMNS = [
  "code",
  "name",
  "period",
  "set_version",
  "criteria_met",
  "criteria_total",
  "indicators_met",
  "indicators_total",
  "meets_standard",
] as const;

const FAILING_COLUMNS = ["set_version", "criterion", "name", "count", "units"] as const;

/**
 * CSV for spreadsheets: UTF-8 with a BOM so Excel reads Vietnamese, the English keys as the
 * header, CRLF line ends (RFC 4180); a list of units is joined with spaces.
 */
function toCsv(table: Table): string {
  return `\uFEFF${stringify(
    table.rows.map((row) => table.columns.map((column) => row[column] ?? "")),
    {
      header: true,
      columns: [...table.columns],
      record_delimiter: "windows",
      cast: { boolean: (value) => (value ? "true" : "false") },
    },
  )}`;
}

/** A strong validator: the same bytes, the same tag, whatever the server that made them. */
function etagOf(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url")}"`;
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((tag) => tag.trim().replace(/^W\//, ""))
    .some((tag) => tag === "*" || tag === etag);
}

/** Serialises once, then answers 304 when the reader already holds these bytes. */
function serve(c: Context<AppEnv>, table: Table, baseName: string, format: "csv" | "json") {
  const body =
    format === "csv" ? toCsv(table) : JSON.stringify({ columns: table.columns, rows: table.rows });
  const etag = etagOf(body);
  const headers = {
    etag,
    "cache-control": OPEN_DATA_CACHE_CONTROL,
    vary: "accept-encoding",
  };
  if (matches(c.req.header("if-none-match"), etag)) return c.body(null, 304, headers);
  return c.body(body, 200, {
    ...headers,
    "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json",
    "content-disposition": `inline; filename="${baseName}.${format}"`,
    "x-content-type-options": "nosniff",
  });
}

/**
 * Open data (dữ liệu mở): a unit's published standing as CSV and JSON under a stable URL
 * scheme, plain GETs that caches and scripts can use without tRPC. Only signed verdicts of
 * accepted reports are read, through the same roll-up as `review.standing` for the public:
 * never drafts, returned values, notes, evidence or who entered what.
 */
export function openDataRoutes(db: Database, now: () => Date): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  /** The parameters, checked; a reply to send instead when they are not right. */
  async function standingFor(c: Context<AppEnv>) {
    const code = unitCodeSchema.safeParse(c.req.param("code"));
    if (!code.success) return { reply: c.json(error("Mã đơn vị không hợp lệ."), 400) };
    const dateParam = c.req.query("date");
    const date = isoDateSchema.safeParse(dateParam ?? vietnamDate(now()));
    if (!date.success)
      return { reply: c.json(error("Ngày không hợp lệ: dùng dạng YYYY-MM-DD."), 400) };
    const setParam = setIdSchema.safeParse(c.req.query("set") ?? DEFAULT_SET_ID);
    if (!setParam.success) return { reply: c.json(error(setParam.error.issues[0]!.message), 400) };
    const unit = await getUnitRef(db, code.data);
    if (!unit) return { reply: c.json(error(`Không tìm thấy đơn vị ${code.data}.`), 404) };
    if (unit.level === "commune" || unit.level === "village")
      return {
        reply: c.json(
          error(
            "Bảng này tổng hợp các xã của một huyện hoặc tỉnh; hãy chọn đơn vị cấp huyện hoặc tỉnh.",
          ),
          400,
        ),
      };
    const published = await listStoredVersions(db);
    if (!published.some((v) => v.setId === setParam.data))
      return { reply: c.json(error(`Chưa có bộ tiêu chí ${setParam.data} đã ban hành.`), 400) };
    const standing = await summariseStanding(db, {
      scope: { path: unit.path },
      setId: setParam.data,
      asOf: date.data,
      acceptedOnly: true,
    });
    return { standing, name: `${unit.code}-${setParam.data}-${date.data}` };
  }

  app.get("/units/:code/:file{standing\\.(?:csv|json)}", async (c) => {
    const found = await standingFor(c);
    if ("reply" in found) return found.reply;
    const rows = found.standing.units.map(
      (u): Row => ({
        code: u.code,
        name: u.name,
        period: u.period,
        set_version: u.setVersion,
        criteria_met: u.criteriaMet,
        criteria_total: u.criteriaTotal,
        indicators_met: u.indicatorsMet,
        indicators_total: u.indicatorsTotal,
        meets_standard: u.status === "met",
      }),
    );
    const format = c.req.param("file").endsWith(".csv") ? "csv" : "json";
    return serve(c, { columns: STANDING_COLUMNS, rows }, `${found.name}-standing`, format);
  });

  app.get("/units/:code/:file{failing-criteria\\.(?:csv|json)}", async (c) => {
    const found = await standingFor(c);
    if ("reply" in found) return found.reply;
    const rows = found.standing.rollups.flatMap((r) =>
      r.failingByCriterion.map(
        (f): Row => ({
          set_version: r.set.version,
          criterion: f.number,
          name: f.name,
          count: f.count,
          units: f.units.join(" "),
        }),
      ),
    );
    const format = c.req.param("file").endsWith(".csv") ? "csv" : "json";
    return serve(c, { columns: FAILING_COLUMNS, rows }, `${found.name}-failing-criteria`, format);
  });

  // Anything else under /data/v1 is a JSON 404, never the public portal's page.
  app.all("*", (c) =>
    c.json(error("Không có bảng dữ liệu mở ở địa chỉ này; xem mục Open data trong README."), 404),
  );

  return app;
}
