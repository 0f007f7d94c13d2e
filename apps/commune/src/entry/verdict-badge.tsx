import type { IndicatorStatus, RuleStatus } from "@datchuan/domain";
import { useTranslation } from "react-i18next";

const ICON: Record<string, string> = {
  met: "✓",
  fragile: "!",
  not_met: "✗",
  missing: "?",
  stale: "↻",
  no_threshold: "–",
  not_applicable: "–",
  undetermined: "?",
};

/** A verdict as colour, icon and words together (never colour alone). */
export function VerdictBadge({
  status,
  fragile = false,
}: {
  status: IndicatorStatus | RuleStatus;
  fragile?: boolean;
}) {
  const { t } = useTranslation();
  const key = status === "met" && fragile ? "fragile" : status;
  return (
    <span className={`verdict-badge verdict-${key}`}>
      <span aria-hidden="true">{ICON[key]}</span> {t(`verdict_${key}`)}
    </span>
  );
}
