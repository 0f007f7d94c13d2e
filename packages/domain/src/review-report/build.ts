import type { VerdictChange } from "../criteria/compare";
import {
  criteriaCountSentence,
  failingCriterionClause,
  failingIndicatorClause,
  groupByCriteriaMet,
  indicatorRange,
  joinNames,
  officialCount,
  reviewResultSentence,
  type UnitNamer,
} from "../criteria/review-sentences";
import type { Rollup } from "../criteria/rollup";
import { formatDate, formatNumber, formatPercent } from "../format";
import type {
  ReportSection,
  ReportTable,
  ReportTarget,
  ReviewReport,
  ReviewReportInput,
} from "./model";

/** Demo sets and versions carry "minh-hoa" (số liệu minh họa) in their id or version. */
const ILLUSTRATIVE_SET = /minh[- ]h[oó]a/iu;

/** "2023-04" → "04/2023"; a year or quarter stays as written. */
function formatPeriod(period: string): string {
  const month = /^(\d{4})-(\d{2})$/u.exec(period);
  return month ? `${month[2]}/${month[1]}` : period;
}

const STATUS_WORDS: Record<string, string> = {
  met: "đạt",
  not_met: "chưa đạt",
  missing: "thiếu số liệu",
  stale: "số liệu quá hạn",
  no_threshold: "chưa có mức đạt chuẩn",
  undetermined: "chưa xác định",
  not_applicable: "không áp dụng",
  absent: "không có",
};

function changeWhat(change: VerdictChange): string {
  if (change.level === "set") return "bộ tiêu chí";
  return change.level === "criterion" ? `tiêu chí số ${change.code}` : `chỉ tiêu ${change.code}`;
}

function changeAfter(change: VerdictChange): string {
  return change.fragility
    ? "đạt nhưng chưa bền vững"
    : (STATUS_WORDS[change.after] ?? change.after);
}

/**
 * Builds the review report of a scope on a date from its roll-up: the same counts the dashboard
 * shows, in the sentences the offices write (seed 000, 002, 003). Pure: the caller reads the
 * stored verdicts (server) or evaluates files (CLI) and passes the result in.
 */
export function buildReviewReport(input: ReviewReportInput): ReviewReport {
  const word = input.unitWord ?? "xã";
  const names = new Map<string, string>();
  for (const u of [...input.units, ...(input.notReported ?? [])]) names.set(u.code, u.name);
  const nameOf: UnitNamer = (code) => names.get(code) ?? code;
  const set = input.rollups[0]?.set ?? input.set;
  const illustrative =
    input.illustrative ||
    input.rollups.some(
      (r) => ILLUSTRATIVE_SET.test(r.set.id) || ILLUSTRATIVE_SET.test(r.set.version),
    );
  const since = input.since ?? null;
  const sections: ReportSection[] = [
    resultsSection(input.rollups, nameOf, word),
    failingSection(input.rollups, nameOf, word),
    countSection(input.rollups, input.scope.word, word),
  ];
  if (input.targets && input.targets.length > 0)
    sections.push(targetsSection(input.targets, input.targetYear));
  if (since !== null) sections.push(changesSection(input.changes ?? [], since, word));
  sections.push(reportingSection(input, nameOf, word));
  if (input.revocation) sections.push(revocationSection(input.revocation, word));
  return {
    title: `Báo cáo kết quả rà soát ${set.title}, ${input.scope.name}, ngày ${formatDate(input.asOf)}`,
    scopeName: input.scope.name,
    set: { id: set.id, title: set.title },
    asOf: input.asOf,
    since,
    illustrative,
    sections,
  };
}

/** With several set versions, each paragraph says which one it counts. */
function versionLead(rollups: readonly Rollup[], r: Rollup): string {
  return rollups.length > 1 ? `Theo ${r.set.title} (phiên bản ${r.set.version}): ` : "";
}

function resultsSection(
  rollups: readonly Rollup[],
  nameOf: UnitNamer,
  word: string,
): ReportSection {
  const paragraphs =
    rollups.length === 0
      ? [`Chưa có ${word} nào có kết quả đánh giá đến ngày rà soát.`]
      : rollups.map((r) => versionLead(rollups, r) + reviewResultSentence(r.byScore, nameOf, word));
  const groups: ReportTable = {
    title: "Kết quả theo nhóm",
    columns: [
      { header: "Số tiêu chí đạt", kind: "integer" },
      { header: "Tổng số tiêu chí", kind: "integer" },
      { header: "Chỉ tiêu đạt", kind: "text" },
      { header: `Số ${word}`, kind: "integer" },
      { header: `Các ${word}`, kind: "text" },
    ],
    rows: rollups.flatMap((r) =>
      groupByCriteriaMet(r.byScore).map((g) => [
        g.criteriaMet,
        g.criteriaTotal,
        indicatorRange(g),
        g.units.length,
        joinNames(g.units.map(nameOf)),
      ]),
    ),
  };
  const units: ReportTable = {
    title: `Kết quả từng ${word}`,
    columns: [
      { header: "Thứ hạng", kind: "integer" },
      { header: `Tên ${word}`, kind: "text" },
      { header: "Số tiêu chí đạt", kind: "integer" },
      { header: "Tổng số tiêu chí", kind: "integer" },
      { header: "Số chỉ tiêu đạt", kind: "integer" },
      { header: "Tổng số chỉ tiêu", kind: "integer" },
      { header: "Kết quả", kind: "text" },
    ],
    rows: rollups.flatMap((r) => {
      const scores = new Map(r.byScore.flatMap((g) => g.units.map((u) => [u, g] as const)));
      return r.ranking.map((u) => {
        const score = scores.get(u.unit);
        return [
          u.rank,
          nameOf(u.unit),
          u.criteriaMet,
          u.criteriaTotal,
          score?.indicatorsMet ?? null,
          score?.indicatorsTotal ?? null,
          u.status === "met" ? "Đạt chuẩn" : u.status === "not_met" ? "Chưa đạt" : "Chưa xác định",
        ];
      });
    }),
  };
  return { id: "results", heading: "Kết quả rà soát", paragraphs, tables: [groups, units] };
}

function failingSection(
  rollups: readonly Rollup[],
  nameOf: UnitNamer,
  word: string,
): ReportSection {
  const paragraphs: string[] = [];
  for (const r of rollups) {
    const lead = versionLead(rollups, r);
    if (r.failingByCriterion.length === 0) {
      paragraphs.push(`${lead}Không có tiêu chí nào chưa đạt.`);
      continue;
    }
    const clauses = r.failingByCriterion.map((c) => failingCriterionClause(c, word));
    paragraphs.push(`${lead}Các tiêu chí chưa đạt: ${clauses.join("; ")}.`);
    // "Failed by many": at least half of the units reviewed, and never a single unit.
    const many = r.failingByIndicator
      .filter((i) => i.count >= 2 && i.count * 2 >= r.units)
      .sort((a, b) => b.count - a.count);
    if (many.length > 0)
      paragraphs.push(
        `${lead}Các chỉ tiêu nhiều ${word} chưa đạt: ${many.map((i) => failingIndicatorClause(i, word)).join("; ")}.`,
      );
  }
  const criteria: ReportTable = {
    title: "Tiêu chí chưa đạt",
    columns: [
      { header: "Tiêu chí số", kind: "integer" },
      { header: "Tên tiêu chí", kind: "text" },
      { header: `Số ${word} chưa đạt`, kind: "integer" },
      { header: `Các ${word} chưa đạt`, kind: "text" },
    ],
    rows: rollups.flatMap((r) =>
      r.failingByCriterion.map((c) => [c.number, c.name, c.count, joinNames(c.units.map(nameOf))]),
    ),
  };
  const indicators: ReportTable = {
    title: "Chỉ tiêu chưa đạt",
    columns: [
      { header: "Mã chỉ tiêu", kind: "text" },
      { header: "Tên chỉ tiêu", kind: "text" },
      { header: "Tiêu chí số", kind: "integer" },
      { header: `Số ${word} chưa đạt`, kind: "integer" },
      { header: `Các ${word} chưa đạt`, kind: "text" },
    ],
    rows: rollups.flatMap((r) =>
      r.failingByIndicator.map((i) => [
        i.code,
        i.name,
        i.criterion,
        i.count,
        joinNames(i.units.map(nameOf)),
      ]),
    ),
  };
  return {
    id: "failing",
    heading: "Các tiêu chí, chỉ tiêu chưa đạt",
    paragraphs,
    tables: [criteria, indicators],
  };
}

function countSection(rollups: readonly Rollup[], scopeWord: string, word: string): ReportSection {
  const units = rollups.reduce((sum, r) => sum + r.units, 0);
  const total = rollups.reduce((sum, r) => sum + r.criteriaMetTotal, 0);
  const meeting = rollups.reduce((sum, r) => sum + r.unitsMeetingStandard, 0);
  const average = units === 0 ? 0 : total / units;
  const share = units === 0 ? 0 : (meeting * 100) / units;
  return {
    id: "count",
    heading: "Tổng hợp lượt tiêu chí",
    paragraphs: [
      criteriaCountSentence(total, average, scopeWord, word),
      `Số ${word} đạt chuẩn: ${officialCount(meeting)}/${officialCount(units)} ${word} (${formatPercent(share)}).`,
    ],
    tables: [
      {
        title: "Tổng hợp",
        columns: [
          { header: "Nội dung", kind: "text" },
          { header: "Giá trị", kind: "decimal" },
        ],
        rows: [
          [`Số ${word} có kết quả rà soát`, units],
          ["Tổng số lượt tiêu chí đạt", total],
          [`Số tiêu chí bình quân đạt/${word}`, average],
          [`Số ${word} đạt chuẩn`, meeting],
          [`Tỷ lệ ${word} đạt chuẩn (%)`, share],
        ],
      },
    ],
  };
}

function targetMet(t: ReportTarget): boolean | null {
  if (t.actual === null) return null;
  return t.comparator === "gte" ? t.actual >= t.value : t.actual <= t.value;
}

function targetsSection(targets: readonly ReportTarget[], year: number | undefined): ReportSection {
  const sentence = (t: ReportTarget) => {
    const goal =
      `${t.comparator === "gte" ? "≥" : "≤"} ${formatNumber(t.value)} ${t.unitOfMeasure}`.trim();
    const met = targetMet(t);
    const result =
      met === null
        ? "chưa có kết quả"
        : `kết quả ${formatNumber(t.actual!)} ${t.unitOfMeasure}`.trim() +
          (met ? " (đạt)" : " (chưa đạt)");
    return `${t.label}: chỉ tiêu ${goal}, ${result}`;
  };
  return {
    id: "targets",
    heading: year
      ? `Chỉ tiêu năm ${year} và kết quả thực hiện`
      : "Chỉ tiêu năm và kết quả thực hiện",
    paragraphs: [`${targets.map(sentence).join("; ")}.`],
    tables: [
      {
        title: "Chỉ tiêu năm",
        columns: [
          { header: "Chỉ tiêu", kind: "text" },
          { header: "So sánh", kind: "text" },
          { header: "Mục tiêu", kind: "decimal" },
          { header: "Kết quả", kind: "decimal" },
          { header: "Đơn vị tính", kind: "text" },
          { header: "Đánh giá", kind: "text" },
          { header: "Nguồn kết quả", kind: "text" },
        ],
        rows: targets.map((t) => {
          const met = targetMet(t);
          return [
            t.label,
            t.comparator === "gte" ? "≥" : "≤",
            t.value,
            t.actual,
            t.unitOfMeasure,
            met === null ? "Chưa có kết quả" : met ? "Đạt" : "Chưa đạt",
            t.actualSource ?? null,
          ];
        }),
      },
    ],
  };
}

function changesSection(
  changes: NonNullable<ReviewReportInput["changes"]>,
  since: string,
  word: string,
): ReportSection {
  const regressed = changes.filter((c) => c.regressed.length > 0);
  const paragraphs =
    regressed.length === 0
      ? [`So với ngày ${formatDate(since)}, không có ${word} nào giảm tiêu chí, chỉ tiêu.`]
      : [
          `So với ngày ${formatDate(since)}, có ${officialCount(regressed.length)} ${word} giảm: ${regressed
            .map(
              (c) =>
                `${c.name} (${c.regressed
                  .filter((r) => r.level !== "set")
                  .map((r) => `${changeWhat(r)} ${changeAfter(r)}`)
                  .join(", ")})`,
            )
            .join("; ")}.`,
        ];
  return {
    id: "changes",
    heading: `Thay đổi so với ngày ${formatDate(since)}`,
    paragraphs,
    tables: [
      {
        title: "Giảm so với kỳ trước",
        columns: [
          { header: `Tên ${word}`, kind: "text" },
          { header: "Nội dung", kind: "text" },
          { header: "Trước", kind: "text" },
          { header: "Nay", kind: "text" },
        ],
        rows: regressed.flatMap((c) =>
          c.regressed.map((r) => [
            c.name,
            changeWhat(r),
            STATUS_WORDS[r.before] ?? r.before,
            changeAfter(r),
          ]),
        ),
      },
    ],
  };
}

function reportingSection(
  input: ReviewReportInput,
  nameOf: UnitNamer,
  word: string,
): ReportSection {
  const paragraphs: string[] = [];
  const notReported = input.notReported ?? [];
  if (notReported.length > 0)
    paragraphs.push(
      `Chưa có kết quả đánh giá: ${officialCount(notReported.length)} ${word} (${joinNames(notReported.map((u) => u.name))}).`,
    );
  const lateness = input.lateness ?? [];
  const missing = lateness.filter((l) => l.missing);
  const late = lateness.filter((l) => !l.missing && l.late);
  const first = lateness[0];
  if (first) {
    const period = `kỳ ${formatPeriod(first.period)} (hạn ${formatDate(first.dueDate)})`;
    paragraphs.push(
      missing.length > 0
        ? `Chưa lập báo cáo ${period}: ${officialCount(missing.length)} ${word} (${joinNames(missing.map((l) => nameOf(l.code)))}).`
        : `Tất cả các ${word} đã lập báo cáo ${period}.`,
    );
    if (late.length > 0)
      paragraphs.push(
        `Báo cáo quá hạn chưa gửi: ${late.map((l) => `${nameOf(l.code)} (${formatNumber(l.daysLate, 0)} ngày)`).join(", ")}.`,
      );
  }
  if (paragraphs.length === 0)
    paragraphs.push(`Tất cả các ${word} đều có kết quả đánh giá đến ngày rà soát.`);
  return {
    id: "reporting",
    heading: "Tình hình báo cáo",
    paragraphs,
    tables:
      lateness.length === 0
        ? []
        : [
            {
              title: "Báo cáo chậm, thiếu",
              columns: [
                { header: `Tên ${word}`, kind: "text" },
                { header: "Kỳ báo cáo", kind: "text" },
                { header: "Hạn nộp", kind: "text" },
                { header: "Tình trạng", kind: "text" },
                { header: "Số ngày quá hạn", kind: "integer" },
              ],
              rows: lateness
                .filter((l) => l.missing || l.late)
                .map((l) => [
                  nameOf(l.code),
                  formatPeriod(l.period),
                  formatDate(l.dueDate),
                  l.missing ? "Chưa lập báo cáo" : "Quá hạn chưa gửi",
                  l.daysLate,
                ]),
            },
          ],
  };
}

function revocationSection(
  revocation: NonNullable<ReviewReportInput["revocation"]>,
  word: string,
): ReportSection {
  const paragraphs = [
    revocation.inZone.length === 0
      ? `Có ${officialCount(revocation.recognised)} ${word} đã được công nhận; không có ${word} nào có nguy cơ bị thu hồi quyết định công nhận (QĐ 18/2022/QĐ-TTg).`
      : `Có ${officialCount(revocation.recognised)} ${word} đã được công nhận, trong đó ${officialCount(revocation.inZone.length)} ${word} có nguy cơ bị thu hồi quyết định công nhận (QĐ 18/2022/QĐ-TTg): ${revocation.inZone
          .map((z) => `${z.name} (${z.assessment.text})`)
          .join("; ")}.`,
  ];
  return {
    id: "revocation",
    heading: "Xã đã công nhận có nguy cơ bị thu hồi",
    paragraphs,
    tables: [
      {
        title: "Nguy cơ thu hồi",
        columns: [
          { header: `Tên ${word}`, kind: "text" },
          { header: "Số tiêu chí không đạt", kind: "integer" },
          { header: "Tổng số tiêu chí", kind: "integer" },
          { header: "Tỷ lệ không đạt (%)", kind: "decimal" },
          { header: "Đánh giá", kind: "text" },
        ],
        rows: revocation.inZone.map((z) => [
          z.name,
          z.assessment.failed,
          z.assessment.total,
          z.assessment.failedPercent,
          z.assessment.text,
        ]),
      },
    ],
  };
}
