import {
  criteriaGroupSentence,
  criteriaMetSentence,
  formatDate,
  formatNumber,
  formatPercent,
  groupByCriteriaMet,
} from "@datchuan/domain";
import { DataTable, ExportButton, QueryState, tablesToSheets } from "@datchuan/ui";
import { lazy, type ReactNode, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DashboardParams } from "./params";
import {
  allTables,
  atRiskTable,
  CHART_HEIGHT,
  changesTable,
  type DashboardTable,
  failingChartHeight,
  failingCriteriaTable,
  failingIndicatorsTable,
  fragileTable,
  isIllustrative,
  progressTable,
  type Rollup,
  rankingTable,
  registrationsTable,
  revocationTable,
  type Standing,
  type T,
  unitNamer,
  type YearTarget,
} from "./tables";
import { useDashboardData } from "./use-dashboard";

// recharts is heavy: it loads after the tables, in a chunk of its own.
const FailingChart = lazy(() => import("./charts").then((m) => ({ default: m.FailingChart })));
const ProgressChart = lazy(() => import("./charts").then((m) => ({ default: m.ProgressChart })));
const TargetsChart = lazy(() => import("./charts").then((m) => ({ default: m.TargetsChart })));

/** Sheets are always headed in Vietnamese, whatever language the screen is in. */
function useVietnameseT(): T {
  const { i18n } = useTranslation();
  return i18n.getFixedT("vi") as T;
}

/** A table on screen and its own "Xuất Excel"; the sheet is built with Vietnamese headers. */
function TableBlock<Row>({
  make,
  fileName,
  empty,
}: {
  make: (t: T) => DashboardTable<Row>;
  fileName: string;
  empty?: ReactNode;
}) {
  const { t } = useTranslation();
  const vi = useVietnameseT();
  const table = make(t);
  return (
    <div className="table-block">
      <DataTable
        caption={table.title}
        columns={table.columns}
        rows={table.rows}
        rowKey={table.rowKey}
        empty={empty}
      />
      <ExportButton
        fileName={`${fileName}-${table.key}`}
        sheets={() => {
          const sheet = make(vi);
          return tablesToSheets([sheet]);
        }}
      />
    </div>
  );
}

/** Holds the chart's place (its height and caption) while recharts loads: no layout jump. */
function ChartSlot({ height, children }: { height: number; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Suspense
      fallback={
        <figure className="chart">
          <div style={{ height }} />
          <figcaption className="muted">{t("dashboard.chartsLoading")}</figcaption>
        </figure>
      }
    >
      {children}
    </Suspense>
  );
}

export function DashboardBody({
  params,
  unitName,
}: {
  params: DashboardParams & { unitCode: string };
  unitName: string;
}) {
  const { t } = useTranslation();
  const vi = useVietnameseT();
  const data = useDashboardData(params);
  const { standing } = data;
  const fileName = vi("dashboard.fileName", { unit: params.unitCode, date: params.asOf });
  const [version, setVersion] = useState(0);

  if (!standing.data)
    return (
      <QueryState
        isPending={standing.isPending}
        error={standing.error}
        onRetry={() => void standing.refetch()}
      />
    );
  const s = standing.data;
  const nameOf = unitNamer(s);
  // Communes judged by several set versions (an adaptation published for some): one at a time.
  const rollup = s.rollups[version] ?? s.rollups[0];
  const illustrative = isIllustrative(s);

  return (
    <div className="dashboard">
      {illustrative ? (
        <p className="notice notice-illustrative" role="note">
          {t("dashboard.illustrative")}
        </p>
      ) : null}
      <div className="dashboard-export">
        <ExportButton
          fileName={fileName}
          label={t("dashboard.exportAll")}
          sheets={() =>
            tablesToSheets(
              allTables(vi, {
                standing: s,
                rollup,
                registrations: data.registrationTable ?? [],
                progress: data.progressRows ?? [],
                illustrative,
              }),
            )
          }
        />
      </div>

      <section aria-labelledby="dash-summary">
        <h2 id="dash-summary">{t("dashboard.summaryTitle")}</h2>
        <Summary standing={s} rollup={rollup} />
        {s.notReported.length ? (
          <p className="muted">
            {t("dashboard.notReported", { names: s.notReported.map((u) => u.name).join(", ") })}
          </p>
        ) : null}
        {s.rollups.length > 1 && rollup ? (
          <div className="notice">
            <p>{t("dashboard.severalVersions", { count: s.rollups.length })}</p>
            <div className="field">
              <label htmlFor="dash-version">{t("dashboard.versionLabel")}</label>
              <select
                id="dash-version"
                value={String(s.rollups.indexOf(rollup))}
                onChange={(event) => setVersion(Number(event.target.value))}
              >
                {s.rollups.map((r, k) => (
                  <option key={`${r.set.title} ${r.set.version}`} value={k}>
                    {t("dashboard.versionOption", {
                      version: `${r.set.title} ${r.set.version}`,
                      count: r.units,
                    })}
                  </option>
                ))}
              </select>
            </div>
          </div>
        ) : null}
      </section>

      {!rollup ? (
        <p className="notice">{t("dashboard.noData")}</p>
      ) : (
        <>
          <section aria-labelledby="dash-groups">
            <h2 id="dash-groups">{t("dashboard.groupsTitle")}</h2>
            <ul className="review-sentences" aria-labelledby="dash-groups">
              {groupByCriteriaMet(rollup.byScore).map((g) => (
                <li key={`${g.criteriaMet}/${g.indicatorsTotal}`}>
                  {criteriaGroupSentence(g, nameOf)}
                </li>
              ))}
            </ul>
            <p>
              <strong>
                {criteriaMetSentence(rollup.criteriaMetTotal, rollup.criteriaMetAverage)}
              </strong>
            </p>
          </section>

          <section aria-labelledby="dash-failing">
            <h2 id="dash-failing">{t("dashboard.failingCriteriaTitle")}</h2>
            <ChartSlot height={failingChartHeight(rollup.failingByCriterion.length)}>
              <FailingChart rollup={rollup} label={t("dashboard.chartFailing")} />
            </ChartSlot>
            <TableBlock
              make={(tt) => failingCriteriaTable(tt, rollup, nameOf)}
              fileName={fileName}
            />
            <h3>{t("dashboard.failingIndicatorsTitle")}</h3>
            <TableBlock
              make={(tt) => failingIndicatorsTable(tt, rollup, nameOf)}
              fileName={fileName}
            />
          </section>

          <section aria-labelledby="dash-ranking">
            <h2 id="dash-ranking">{t("dashboard.rankingTitle")}</h2>
            <TableBlock make={(tt) => rankingTable(tt, rollup, nameOf)} fileName={fileName} />
          </section>
        </>
      )}

      <section aria-labelledby="dash-fragile">
        <h2 id="dash-fragile">{t("dashboard.fragileTitle")}</h2>
        <TableBlock
          make={(tt) => fragileTable(tt, s, nameOf)}
          fileName={fileName}
          empty={t("dashboard.noFragile")}
        />
        {s.since ? <h3>{t("dashboard.changesTitle", { date: formatDate(s.since) })}</h3> : null}
        {s.since ? (
          <TableBlock
            make={(tt) => changesTable(tt, s)}
            fileName={fileName}
            empty={t("dashboard.noChanges")}
          />
        ) : (
          <p className="muted">{t("dashboard.chooseSince")}</p>
        )}
      </section>

      <section aria-labelledby="dash-revocation">
        <h2 id="dash-revocation">{t("dashboard.revocationTitle")}</h2>
        <p>
          {t("dashboard.revocationSummary", {
            recognised: formatNumber(s.revocation.recognised),
            inZone: formatNumber(s.revocation.inZone.length),
            district: t(`dashboard.districtStatus.${s.revocation.district.status}`),
          })}
        </p>
        <TableBlock
          make={(tt) => revocationTable(tt, s)}
          fileName={fileName}
          empty={t("dashboard.noRevocation")}
        />
      </section>

      <section aria-labelledby="dash-at-risk">
        <h2 id="dash-at-risk">{t("dashboard.atRiskTitle")}</h2>
        <p>{t("dashboard.atRiskSummary", { count: s.revocation.atRisk.length })}</p>
        <TableBlock
          make={(tt) => atRiskTable(tt, s)}
          fileName={fileName}
          empty={t("dashboard.noAtRisk")}
        />
      </section>

      <section aria-labelledby="dash-targets">
        <h2 id="dash-targets">{t("dashboard.targetsTitle")}</h2>
        {data.registrationTable ? (
          <>
            {data.registrationTable.length ? (
              <ChartSlot height={CHART_HEIGHT.targets}>
                <TargetsChart rows={data.registrationTable} label={t("dashboard.chartTargets")} />
              </ChartSlot>
            ) : null}
            <TableBlock
              make={(tt) => registrationsTable(tt, data.registrationTable ?? [], nameOf)}
              fileName={fileName}
              empty={t("dashboard.noRegistrations")}
            />
          </>
        ) : (
          <QueryState
            isPending={data.registrations.isPending}
            error={data.registrations.error}
            onRetry={() => void data.registrations.refetch()}
          />
        )}
        <YearTargets targets={data.targets.data} year={data.year} unitName={unitName} />
      </section>

      <section aria-labelledby="dash-progress">
        <h2 id="dash-progress">{t("dashboard.progressTitle")}</h2>
        {data.progressRows ? (
          <>
            <ChartSlot height={CHART_HEIGHT.progress}>
              <ProgressChart rows={data.progressRows} label={t("dashboard.chartProgress")} />
            </ChartSlot>
            <TableBlock
              make={(tt) => progressTable(tt, data.progressRows ?? [])}
              fileName={fileName}
            />
          </>
        ) : (
          <QueryState
            isPending={data.progress.isPending}
            error={data.progress.error}
            onRetry={() => void data.progress.refetch()}
          />
        )}
      </section>
    </div>
  );
}

function Summary({ standing, rollup }: { standing: Standing; rollup: Rollup | undefined }) {
  const { t } = useTranslation();
  const stats: Array<[string, string]> = [
    [t("dashboard.communes"), formatNumber(standing.communes)],
    [t("dashboard.reported"), formatNumber(standing.units.length)],
  ];
  if (rollup)
    stats.push(
      [t("dashboard.meeting"), formatNumber(rollup.unitsMeetingStandard)],
      [t("dashboard.share"), formatPercent(rollup.shareMeetingStandard)],
      [t("dashboard.col.criteriaMetTotal"), formatNumber(rollup.criteriaMetTotal)],
      [t("dashboard.col.criteriaMetAverage"), formatNumber(rollup.criteriaMetAverage)],
    );
  return (
    <dl className="stats">
      {stats.map(([label, value]) => (
        <div key={label} className="stat-card">
          <dt>{label}</dt>
          <dd className="stat">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function YearTargets({
  targets,
  year,
  unitName,
}: {
  targets: YearTarget[] | undefined;
  year: number;
  unitName: string;
}) {
  const { t } = useTranslation();
  if (!targets) return null;
  const caption = t("dashboard.yearTargetsCaption", { year, unit: unitName });
  return (
    <DataTable
      caption={caption}
      rowKey={(r) => r.metric}
      rows={targets}
      empty={t("dashboard.noYearTargets", { year })}
      columns={[
        { id: "label", header: t("dashboard.col.metric"), value: (r) => r.label },
        {
          id: "comparator",
          header: t("dashboard.col.comparator"),
          value: (r) => t(`dashboard.comparator.${r.comparator}`),
        },
        { id: "value", header: t("dashboard.col.target"), value: (r) => r.value, kind: "decimal" },
        { id: "unit", header: t("dashboard.col.unitOfMeasure"), value: (r) => r.unitOfMeasure },
      ]}
    />
  );
}
