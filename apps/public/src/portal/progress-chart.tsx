import type { PortalOverview } from "@datchuan/api";
import { useTranslation } from "react-i18next";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

/** Colours with at least 3:1 contrast on white, one per level, highest level darkest. */
const COLOURS = {
  kieu_mau: "#07513a",
  nang_cao: "#0b6e4f",
  ntm: "#2f9e6e",
  in_progress: "#9a6700",
  no_data: "#8c959f",
} as const;

/** Communes by level at each year's end, stacked; the same figures are in a table beside it. */
export default function ProgressChart({ progress }: { progress: PortalOverview["progress"] }) {
  const { t } = useTranslation();
  const rows = progress.map((year) => ({
    year: String(year.year),
    ...Object.fromEntries(year.levels.map((l) => [l.level, l.count])),
  }));
  const levels = Object.keys(COLOURS) as Array<keyof typeof COLOURS>;
  return (
    <div role="img" aria-label={t("portal.progressCaption")}>
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="year" />
          <YAxis allowDecimals={false} />
          <Tooltip />
          <Legend
            formatter={(value: string) => <span style={{ color: "var(--text)" }}>{value}</span>}
          />
          {levels.map((level) => (
            <Bar
              key={level}
              dataKey={level}
              name={t(`portal.levels.${level}`)}
              stackId="levels"
              fill={COLOURS[level]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
