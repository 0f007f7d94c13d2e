import { formatNumber } from "@datchuan/domain";
import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";

export type ChartRow = { label: string } & Record<string, string | number | null>;
export interface ChartSeries {
  key: string;
  label: string;
  color: string;
  dashed?: boolean;
}

const HistoryChart = lazy(() => import("./history-chart"));

/**
 * A chart across periods with the table behind it (for screen readers and for checking).
 * The box keeps its height while the chart library loads: nothing below it moves.
 */
export function PeriodChart({
  title,
  rows,
  series,
  format = (value) => formatNumber(value),
}: {
  title: string;
  rows: ChartRow[];
  series: ChartSeries[];
  format?: (value: number) => string;
}) {
  const { t } = useTranslation();
  return (
    <figure className="card" aria-label={title}>
      <figcaption>
        <strong>{title}</strong>
      </figcaption>
      <div className="chart-box" data-testid="period-chart" aria-hidden="true">
        <Suspense fallback={<p className="muted">{t("workplace.scorecard.chartLoading")}</p>}>
          <HistoryChart rows={rows} series={series} format={format} />
        </Suspense>
      </div>
      <details>
        <summary>{t("workplace.scorecard.chartTable")}</summary>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("workplace.scorecard.periodColumn")}</th>
                {series.map((s) => (
                  <th scope="col" key={s.key}>
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.label}>
                  <th scope="row">{row.label}</th>
                  {series.map((s) => {
                    const value = row[s.key];
                    return (
                      <td key={s.key}>
                        {typeof value === "number" ? format(value) : (value ?? "")}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
