import { formatDate, formatNumber } from "@datchuan/domain";
import type { ReactElement } from "react";
import { useTranslation } from "react-i18next";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { ProgressRow, RegistrationRow, Rollup } from "./tables";

/**
 * Charts for those who would rather look than read. Each repeats a table shown beside it, so
 * the figure is a picture (role img with a label) and the numbers stay readable as text.
 */

const BRAND = "#0b6e4f";
const NOT_MET = "#b42318";
const ACCENT = "#9a6700";

const number = (value: unknown) =>
  typeof value === "number" ? formatNumber(value) : String(value);

function Figure({
  label,
  height,
  children,
}: {
  label: string;
  height: number;
  children: ReactElement;
}) {
  return (
    <figure className="chart">
      <div role="img" aria-label={label} style={{ width: "100%", height }}>
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
      <figcaption className="muted">{label}</figcaption>
    </figure>
  );
}

/** Communes not meeting each criterion ("Tiêu chí số 17 … 12 xã chưa đạt"). */
export function FailingChart({ rollup, label }: { rollup: Rollup; label: string }) {
  const { t } = useTranslation();
  const data = rollup.failingByCriterion.map((c) => ({
    name: `TC ${c.number}`,
    title: `${c.number}. ${c.name}`,
    count: c.count,
  }));
  return (
    <Figure label={label} height={Math.max(220, 36 * data.length + 60)}>
      <BarChart
        accessibilityLayer={false}
        data={data}
        layout="vertical"
        margin={{ left: 8, right: 24 }}
      >
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} tickFormatter={number} />
        <YAxis type="category" dataKey="name" width={56} />
        <Tooltip
          formatter={number}
          labelFormatter={(_, payload) => payload?.[0]?.payload?.title ?? ""}
        />
        <Bar
          isAnimationActive={false}
          dataKey="count"
          name={t("dashboard.col.failingCount")}
          fill={NOT_MET}
        />
      </BarChart>
    </Figure>
  );
}

/** Communes meeting the standard and the average criteria met, at each half-year end. */
export function ProgressChart({ rows, label }: { rows: ProgressRow[]; label: string }) {
  const { t } = useTranslation();
  const data = rows.map((r) => ({ ...r, label: formatDate(r.date) }));
  return (
    <Figure label={label} height={280}>
      <LineChart accessibilityLayer={false} data={data} margin={{ left: 0, right: 24, top: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" />
        <YAxis yAxisId="count" allowDecimals={false} tickFormatter={number} />
        <YAxis yAxisId="average" orientation="right" tickFormatter={number} />
        <Tooltip formatter={number} />
        <Legend />
        <Line
          isAnimationActive={false}
          yAxisId="count"
          dataKey="meeting"
          name={t("dashboard.col.meeting")}
          stroke={BRAND}
          strokeWidth={3}
        />
        <Line
          isAnimationActive={false}
          yAxisId="count"
          dataKey="reported"
          name={t("dashboard.col.reported")}
          stroke="#57606a"
          strokeDasharray="4 4"
        />
        <Line
          isAnimationActive={false}
          yAxisId="average"
          dataKey="criteriaMetAverage"
          name={t("dashboard.col.criteriaMetAverage")}
          stroke={ACCENT}
          strokeWidth={3}
        />
      </LineChart>
    </Figure>
  );
}

/** Target against actual: communes registered to reach the standard in a year, and those that have. */
export function TargetsChart({ rows, label }: { rows: RegistrationRow[]; label: string }) {
  const { t } = useTranslation();
  const data = rows.map((r) => ({ ...r, label: String(r.targetYear) }));
  return (
    <Figure label={label} height={260}>
      <BarChart accessibilityLayer={false} data={data} margin={{ left: 0, right: 24, top: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" />
        <YAxis allowDecimals={false} tickFormatter={number} />
        <Tooltip formatter={number} />
        <Legend />
        <Bar
          isAnimationActive={false}
          dataKey="registered"
          name={t("dashboard.col.registered")}
          fill="#57606a"
        />
        <Bar
          isAnimationActive={false}
          dataKey="achieved"
          name={t("dashboard.col.achieved")}
          fill={BRAND}
        />
      </BarChart>
    </Figure>
  );
}
