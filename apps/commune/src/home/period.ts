import { useTranslation } from "react-i18next";

/** "2025-06" → month, "2024-Q1" → quarter, "2023" → year: the parts a period label needs. */
export function periodParts(period: string) {
  const month = /^(\d{4})-(\d{2})$/u.exec(period);
  if (month) return { key: "month", year: month[1], month: month[2] } as const;
  const quarter = /^(\d{4})-Q([1-4])$/u.exec(period);
  if (quarter) return { key: "quarter", year: quarter[1], quarter: quarter[2] } as const;
  return { key: "year", year: period } as const;
}

/** Periods as people say them: "tháng 06/2025", "quý 1/2024", "năm 2023". */
export function usePeriodLabel(): (period: string) => string {
  const { t } = useTranslation();
  return (period) => {
    const parts = periodParts(period);
    return t(`workplace.period.${parts.key}`, parts);
  };
}

/**
 * The entry page of a commune's period (built by the entry feature), opened on the given set:
 * a commune may enter several, and the page falls back to the set in force when it has ended.
 */
export function entryPath(code: string, period: string, setId?: string): string {
  const path = `/xa/${code}/nhap-lieu/${period}`;
  return setId ? `${path}?bo=${encodeURIComponent(setId)}` : path;
}
