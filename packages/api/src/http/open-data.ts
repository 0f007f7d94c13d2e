import { type Database, getUnitRef } from "@datchuan/db";
import { isoDateSchema, unitCodeSchema, vietnamDate } from "@datchuan/domain";
import { stringify } from "csv-stringify/sync";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { listStoredVersions } from "../services/criteria-sets";
import { signedVerdictOn, summariseStanding } from "../services/review";
import type { AppEnv } from "./client";
import { PUBLIC_CACHE_CONTROL, ReplyCache, type ReplyContent, servePublic } from "./public-replies";

/** The set a table is about when the reader names none: the national NTM commune set. */
export const DEFAULT_SET_ID = "ntm-xa-2021-2025";

/** Caches may keep a table a minute, and serve it stale for ten while they revalidate. */
export const OPEN_DATA_CACHE_CONTROL = PUBLIC_CACHE_CONTROL;

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
  "thresholds_verified",
] as const;

const COMMUNE_COLUMNS = [
  "period",
  "set_version",
  "criterion",
  "indicator",
  "name",
  "status",
  "value",
  "comparator",
  "threshold",
  "unit_of_measure",
  "threshold_source",
  "verified",
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

/** A table as the reply's content: CSV or JSON, named for a download. */
function tableContent(table: Table, baseName: string, format: "csv" | "json"): ReplyContent {
  return {
    body:
      format === "csv"
        ? toCsv(table)
        : JSON.stringify({ columns: table.columns, rows: table.rows }),
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/json",
    disposition: `inline; filename="${baseName}.${format}"`,
  };
}

/**
 * Open data (dữ liệu mở): a unit's published standing as CSV and JSON under a stable URL
 * scheme, plain GETs that caches and scripts can use without tRPC. Only signed verdicts of
 * accepted reports are read, through the same roll-up as `review.standing` for the public:
 * never drafts, returned values, notes, evidence or who entered what.
 */
export function openDataRoutes(
  db: Database,
  now: () => Date,
  cache: ReplyCache = new ReplyCache(),
): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  /**
   * Each table is built once per published generation (see public-replies.ts), keyed by the
   * path and its parameters as read (the default date is today's, so it moves at midnight).
   */
  const cached = (c: Context<AppEnv>, build: () => Promise<ReplyContent | Response>) =>
    servePublic(
      c,
      cache,
      `${c.req.path}|${c.req.query("date") ?? vietnamDate(now())}|${c.req.query("set") ?? DEFAULT_SET_ID}`,
      build,
    );

  /** The parameters and the unit, checked; a reply to send instead when they are not right. */
  async function paramsOf(c: Context<AppEnv>) {
    const code = unitCodeSchema.safeParse(c.req.param("code"));
    if (!code.success) return c.json(error("Mã đơn vị không hợp lệ."), 400);
    const date = isoDateSchema.safeParse(c.req.query("date") ?? vietnamDate(now()));
    if (!date.success) return c.json(error("Ngày không hợp lệ: dùng dạng YYYY-MM-DD."), 400);
    const set = setIdSchema.safeParse(c.req.query("set") ?? DEFAULT_SET_ID);
    if (!set.success) return c.json(error(set.error.issues[0]!.message), 400);
    const unit = await getUnitRef(db, code.data);
    if (!unit) return c.json(error(`Không tìm thấy đơn vị ${code.data}.`), 404);
    const published = await listStoredVersions(db);
    if (!published.some((v) => v.setId === set.data))
      return c.json(error(`Chưa có bộ tiêu chí ${set.data} đã ban hành.`), 400);
    return {
      unit,
      setId: set.data,
      asOf: date.data,
      name: `${unit.code}-${set.data}-${date.data}`,
    };
  }

  type Params = Exclude<Awaited<ReturnType<typeof paramsOf>>, Response>;

  /** A unit with communes under it: their roll-up, as `review.standing` gives the public. */
  async function standingFor(c: Context<AppEnv>, params: Params) {
    // A commune is served its own verdict before this; a village is judged with its commune.
    if (params.unit.level === "commune" || params.unit.level === "village")
      return c.json(
        error(
          "Bảng này tổng hợp các xã của một huyện hoặc tỉnh; hãy chọn đơn vị cấp huyện hoặc tỉnh.",
        ),
        400,
      );
    const standing = await summariseStanding(db, {
      scope: { path: params.unit.path },
      setId: params.setId,
      asOf: params.asOf,
      acceptedOnly: true,
      withThresholdCheck: true,
    });
    return { standing, name: params.name };
  }

  /** A commune: each criterion and indicator of its latest signed verdict on the date. */
  async function communeTable(params: Params): Promise<Table> {
    const signed = await signedVerdictOn(db, {
      unitId: params.unit.id,
      setId: params.setId,
      asOf: params.asOf,
    });
    if (!signed) return { columns: COMMUNE_COLUMNS, rows: [] };
    const common = { period: signed.period, set_version: signed.setVersion };
    const rows = signed.verdict.criteria.flatMap((criterion): Row[] => [
      {
        ...common,
        criterion: criterion.number,
        indicator: null,
        name: criterion.name,
        status: criterion.status,
        value: null,
        comparator: null,
        threshold: null,
        unit_of_measure: null,
        threshold_source: null,
        verified: null,
      },
      ...criterion.indicators.map((indicator): Row => {
        const threshold = "threshold" in indicator ? indicator.threshold : undefined;
        const provenance = threshold?.reason.provenance ?? null;
        return {
          ...common,
          criterion: criterion.number,
          indicator: indicator.code,
          name: signed.indicatorNames.get(indicator.code) ?? null,
          status: indicator.status,
          value: "measured" in indicator ? indicator.measured : null,
          comparator: threshold?.comparator ?? null,
          threshold: threshold?.value ?? null,
          unit_of_measure: threshold?.unitOfMeasure ?? null,
          threshold_source: provenance?.source ?? null,
          verified: provenance ? provenance.verified : null,
        };
      }),
    ]);
    return { columns: COMMUNE_COLUMNS, rows };
  }

  app.get("/units/:code/:file{standing\\.(?:csv|json)}", (c) =>
    cached(c, async () => {
      const format = c.req.param("file").endsWith(".csv") ? "csv" : "json";
      const params = await paramsOf(c);
      if (params instanceof Response) return params;
      if (params.unit.level === "commune")
        return tableContent(await communeTable(params), `${params.name}-standing`, format);
      const found = await standingFor(c, params);
      if (found instanceof Response) return found;
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
          thresholds_verified: u.thresholdsVerified ?? null,
        }),
      );
      return tableContent({ columns: STANDING_COLUMNS, rows }, `${found.name}-standing`, format);
    }),
  );

  app.get("/units/:code/:file{failing-criteria\\.(?:csv|json)}", (c) =>
    cached(c, async () => {
      const params = await paramsOf(c);
      if (params instanceof Response) return params;
      const found = await standingFor(c, params);
      if (found instanceof Response) return found;
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
      return tableContent(
        { columns: FAILING_COLUMNS, rows },
        `${found.name}-failing-criteria`,
        format,
      );
    }),
  );

  // Anything else under /data/v1 is a JSON 404, never the public portal's page.
  app.all("*", (c) =>
    c.json(error("Không có bảng dữ liệu mở ở địa chỉ này; xem mục Open data trong README."), 404),
  );

  return app;
}
