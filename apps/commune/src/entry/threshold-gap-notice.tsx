import type { SetVerdict } from "@datchuan/domain";
import { useTranslation } from "react-i18next";

/**
 * Says plainly when the set judging the unit has no threshold for some indicators (the
 * 2026–2030 set, whose numbers are still to be published or entered), and who completes them,
 * so a page of "chưa có ngưỡng" reads as a known gap rather than a fault. Whether a threshold is
 * known does not depend on what is typed, so the notice never jumps while the clerk types.
 */
export function ThresholdGapNotice({ verdict }: { verdict: SetVerdict }) {
  const { t } = useTranslation();
  const judged = verdict.criteria
    .flatMap((c) => c.indicators)
    .filter((i) => i.status !== "not_applicable");
  const unknown = judged.filter((i) => "threshold" in i && i.threshold.value === null);
  if (unknown.length === 0) return null;
  return (
    <section className="notice entry-threshold-gap" aria-labelledby="entry-threshold-gap">
      <h2 id="entry-threshold-gap">
        {unknown.length === judged.length
          ? t("entryNoThresholdAll")
          : t("entryNoThresholdSome", { count: unknown.length, total: judged.length })}
      </h2>
      <p>{t("entryNoThresholdWho")}</p>
      <p className="muted">
        {t("entryNoThresholdCodes", { codes: unknown.map((i) => i.code).join(", ") })}
      </p>
    </section>
  );
}
