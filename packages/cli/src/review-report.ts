import {
  buildReviewReport,
  compareEvaluations,
  renderReviewReportText,
  rollup,
} from "@datchuan/domain";
import { renderReviewReportDocx, renderReviewReportXlsx } from "@datchuan/reports";
import { type Command, UsageError } from "./args";
import { judgeLatestPeriods, readInputs } from "./inputs";
import type { CliIo } from "./run";

/** Words a scope's name may start with ("huyện Thọ Xuân"): "toàn huyện" in the count. */
const SCOPE_WORDS = ["thành phố", "thị xã", "tỉnh", "huyện", "quận", "cụm", "xã", "phường"];

function scopeOf(name: string | null): { name: string; word: string } {
  if (name === null) return { name: "các đơn vị trong tệp", word: "địa bàn" };
  const lower = name.toLocaleLowerCase("vi");
  const word = SCOPE_WORDS.find((w) => lower.startsWith(`${w} `)) ?? "địa bàn";
  return { name, word };
}

/**
 * `datchuan report`: the review report from files, built by the same domain function and
 * rendered by the same .docx/.xlsx renderers as the server's, so the same data gives the same
 * report. Each unit is judged as the server judges an accepted report, at the end of its latest
 * period ended by the date; a unit with no such period has no result yet.
 */
export async function reportCommand(
  command: Extract<Command, { command: "report" }>,
  io: CliIo,
): Promise<number> {
  const inputs = await readInputs(command, io);
  if (typeof inputs === "number") return inputs;
  if (command.format !== "text" && command.out === null && (io.stdoutIsTTY ?? true))
    throw new UsageError(
      `--format ${command.format} cần --out <tệp> (hoặc chuyển đầu ra vào tệp: > baocao.${command.format})`,
    );
  const verdicts = judgeLatestPeriods(inputs, command.asOf);
  const reported = new Set(verdicts.map((v) => v.unit.code));
  const changes = [];
  if (command.since !== null) {
    const earlier = new Map(judgeLatestPeriods(inputs, command.since).map((v) => [v.unit.code, v]));
    for (const now of verdicts) {
      const then = earlier.get(now.unit.code);
      if (!then) continue;
      const { regressed, improved } = compareEvaluations(then, now);
      if (regressed.length > 0 || improved.length > 0)
        changes.push({ unit: now.unit.code, name: now.unit.name ?? now.unit.code, regressed });
    }
  }
  const names = inputs.units.judged.map((u) => ({ code: u.code, name: u.name }));
  const report = buildReviewReport({
    scope: scopeOf(command.scope),
    asOf: command.asOf,
    since: command.since,
    units: names.filter((u) => reported.has(u.code)),
    rollups: verdicts.length > 0 ? [rollup(inputs.compiled, verdicts)] : [],
    set: { id: inputs.compiled.set.id, title: inputs.compiled.set.title },
    notReported: names.filter((u) => !reported.has(u.code)),
    changes,
    illustrative: false,
  });
  if (command.format === "text") {
    const text = renderReviewReportText(report);
    if (command.out !== null && io.writeFile)
      await io.writeFile(command.out, new TextEncoder().encode(text));
    else io.stdout(text.trimEnd());
    return 0;
  }
  const bytes =
    command.format === "docx"
      ? await renderReviewReportDocx(report)
      : await renderReviewReportXlsx(report);
  if (command.out !== null) {
    if (!io.writeFile) throw new UsageError("không ghi được tệp ở môi trường này");
    await io.writeFile(command.out, bytes);
    io.stderr(`Đã ghi báo cáo vào ${command.out}.`);
  } else io.stdoutBytes?.(bytes);
  return 0;
}
