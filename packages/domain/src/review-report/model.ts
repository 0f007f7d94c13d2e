import type { VerdictChange } from "../criteria/compare";
import type { RevocationAssessment } from "../criteria/revocation";
import type { Rollup } from "../criteria/rollup";

/**
 * A generated review report (báo cáo rà soát, bản tin NTM): plain data that the screen, the
 * text, .docx and .xlsx renderers all read, so every output says the same thing.
 */

/** A table cell: text, a number (formatted vi-VN by each renderer), or nothing. */
export type ReportCell = string | number | null;

export interface ReportColumn {
  header: string;
  /** How numbers are shown: whole counts, decimals (7,46), percents (7,46 %). */
  kind: "text" | "integer" | "decimal" | "percent";
}

export interface ReportTable {
  /** Short; also the sheet's name in the workbook (≤ 31 characters). */
  title: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
}

export interface ReportSection {
  /** Stable id (screens and tests find a section by it). */
  id: "results" | "failing" | "count" | "targets" | "changes" | "reporting" | "revocation";
  heading: string;
  paragraphs: string[];
  tables: ReportTable[];
}

export interface ReviewReport {
  title: string;
  /** "huyện Thọ Xuân" */
  scopeName: string;
  set: { id: string; title: string };
  asOf: string;
  since: string | null;
  /** Results rest on the demo's made-up thresholds or values: every output says so. */
  illustrative: boolean;
  sections: ReportSection[];
}

/** A unit as the report names it. */
export interface ReportUnit {
  code: string;
  name: string;
}

/** A yearly target (chỉ tiêu năm) with the year's result when known. */
export interface ReportTarget {
  label: string;
  comparator: "gte" | "lte";
  value: number;
  unitOfMeasure: string;
  actual: number | null;
  actualSource?: string | null;
}

/** A unit's report for the period under review, when it is late or missing. */
export interface ReportLateness {
  code: string;
  name: string;
  period: string;
  dueDate: string;
  missing: boolean;
  late: boolean;
  daysLate: number;
}

/**
 * What a report is built from: the roll-up of a scope on a date (what `review.standing`
 * returns, or what the CLI computes from files) and, when known, the rest of the review.
 */
export interface ReviewReportInput {
  /** The scope as the title names it ("huyện Thọ Xuân") and its word ("huyện", "cụm"). */
  scope: { name: string; word: string };
  asOf: string;
  since?: string | null | undefined;
  /** Names of the units reviewed (and of those without a result). */
  units: readonly ReportUnit[];
  /** One roll-up per set version that judged the units; the usual case is one. */
  rollups: readonly Rollup[];
  /** The set asked for, when there is no roll-up to name it. */
  set: { id: string; title: string };
  notReported?: readonly ReportUnit[];
  changes?: ReadonlyArray<{ unit: string; name: string; regressed: readonly VerdictChange[] }>;
  /** Recognised units and those of them in the revocation zone (QĐ 18/2022). */
  revocation?: {
    recognised: number;
    inZone: ReadonlyArray<{ unit: string; name: string; assessment: RevocationAssessment }>;
  };
  targets?: readonly ReportTarget[];
  targetYear?: number;
  lateness?: readonly ReportLateness[];
  illustrative: boolean;
  /** The units' noun: "xã" for communes. */
  unitWord?: string;
}
