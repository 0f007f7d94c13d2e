import type { RouterOutputs } from "@datchuan/api";
import { formatNumber, matchesSearch } from "@datchuan/domain";
import { QueryState, useTRPC } from "@datchuan/ui";
import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { CHOICE_INPUT, CHOICE_LABEL } from "../sets/shared";
import { VerifyForm } from "./verify-form";

type WorkSet = RouterOutputs["criteriaSet"]["thresholdWorklist"][number];
export type Item = WorkSet["items"][number] & { set: WorkSet };
const PAGE = 100;

function showValue(item: Item, empty: string): string {
  if (item.relativeTo)
    return `${formatNumber(item.relativeTo.percent)} % ${item.relativeTo.indicator}`;
  if (item.value === null) return empty;
  const comparator = item.comparator
    ? `${{ gte: "≥", gt: ">", lte: "≤", lt: "<", eq: "=" }[item.comparator] ?? ""} `
    : "";
  const value = typeof item.value === "number" ? formatNumber(item.value, 6) : String(item.value);
  return `${comparator}${value}${item.unitOfMeasure ? ` ${item.unitOfMeasure}` : ""}`;
}

/**
 * `/nguong-can-xac-minh`: every threshold still empty, unverified or illustrative in the sets in
 * force for my units, with where it is used; verifying one records its source in one action.
 */
export default function WorklistPage() {
  const { t } = useTranslation("admin", { keyPrefix: "worklist" });
  const trpc = useTRPC();
  const id = useId();
  const list = useQuery(trpc.criteriaSet.thresholdWorklist.queryOptions());
  const [setFilter, setSetFilter] = useState("");
  const [problem, setProblem] = useState("");
  const [onlyMine, setOnlyMine] = useState(true);
  const [query, setQuery] = useState("");
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const items: Item[] = (list.data ?? []).flatMap((set) =>
    set.items.map((item) => ({ ...item, set })),
  );
  const shown = items.filter(
    (i) =>
      (!setFilter || i.set.setId === setFilter) &&
      (!problem || i.problems.includes(problem as never)) &&
      (!onlyMine || i.set.mayVerify) &&
      (!query || i.indicator.startsWith(query.trim()) || matchesSearch(i.indicatorName, query)),
  );
  const keyOf = (i: Item) => `${i.set.id}:${i.indicator}:${i.ruleIndex}`;
  return (
    <>
      <h1>{t("heading")}</h1>
      <p className="muted">{t("intro")}</p>
      <p className="muted">{t("howPublished")}</p>
      <QueryState
        isPending={list.isPending}
        error={list.error}
        onRetry={() => void list.refetch()}
      />
      {done ? (
        <p className="notice notice-success" role="status">
          {done}
        </p>
      ) : null}
      {list.data ? (
        <>
          <div className="grid">
            <div className="field">
              <label htmlFor={`${id}-set`}>{t("filterSet")}</label>
              <select
                id={`${id}-set`}
                value={setFilter}
                onChange={(e) => setSetFilter(e.target.value)}
              >
                <option value="">{t("allSets")}</option>
                {list.data.map((s) => (
                  <option key={s.id} value={s.setId}>
                    {s.title} — {s.version}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-problem`}>{t("filterProblem")}</label>
              <select
                id={`${id}-problem`}
                value={problem}
                onChange={(e) => setProblem(e.target.value)}
              >
                <option value="">{t("allProblems")}</option>
                {(["empty", "unverified", "illustrative"] as const).map((p) => (
                  <option key={p} value={p}>
                    {t(`problems.${p}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-q`}>{t("search")}</label>
              <input
                id={`${id}-q`}
                type="search"
                value={query}
                onChange={(e) => setQuery(e.target.value)}
              />
            </div>
          </div>
          <div className="field">
            <label style={CHOICE_LABEL}>
              <input
                style={CHOICE_INPUT}
                type="checkbox"
                checked={onlyMine}
                onChange={(e) => setOnlyMine(e.target.checked)}
              />{" "}
              {t("onlyMine")}
            </label>
          </div>
          <p aria-live="polite">
            {shown.length === 0
              ? t("none")
              : t("showing", {
                  shown: formatNumber(Math.min(PAGE, shown.length)),
                  total: formatNumber(shown.length),
                })}
          </p>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take the keyboard */}
          <div style={{ overflowX: "auto" }} tabIndex={0}>
            <table aria-label={t("heading")}>
              <thead>
                <tr>
                  <th scope="col">{t("colSet")}</th>
                  <th scope="col">{t("colWhere")}</th>
                  <th scope="col">{t("colScope")}</th>
                  <th scope="col">{t("colValue")}</th>
                  <th scope="col">{t("colSource")}</th>
                  <th scope="col">{t("colProblems")}</th>
                  <th scope="col">{t("colAction")}</th>
                </tr>
              </thead>
              <tbody>
                {shown.slice(0, PAGE).map((item) => (
                  <WorkRow
                    key={keyOf(item)}
                    item={item}
                    open={open === keyOf(item)}
                    onOpen={() => setOpen(open === keyOf(item) ? null : keyOf(item))}
                    onDone={(message) => {
                      setOpen(null);
                      setDone(message);
                    }}
                  />
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </>
  );
}

function WorkRow({
  item,
  open,
  onOpen,
  onDone,
}: {
  item: Item;
  open: boolean;
  onOpen: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation("admin", { keyPrefix: "worklist" });
  return (
    <>
      <tr>
        <td>
          <Link to={`/bo-tieu-chi/${item.set.id}`}>{item.set.title}</Link>
          <div className="muted">{item.set.version}</div>
        </td>
        <td>
          {item.criterion}. {item.criterionName}
          <div>
            <strong>{item.indicator}</strong> {item.indicatorName}
          </div>
        </td>
        <td>{item.scope}</td>
        <td>{showValue(item, t("problems.empty"))}</td>
        <td>
          {item.provenance.source}
          {item.provenance.article ? `, ${item.provenance.article}` : ""}
        </td>
        <td>{item.problems.map((p) => t(`problems.${p}`)).join(", ")}</td>
        <td>
          {item.set.mayVerify ? (
            <button
              type="button"
              aria-expanded={open}
              aria-label={`${t("verify")} ${item.indicator} (${item.scope})`}
              onClick={onOpen}
            >
              {t("verify")}
            </button>
          ) : (
            <span className="muted">{t("ownerOnly")}</span>
          )}
        </td>
      </tr>
      {open ? (
        <tr>
          <td colSpan={7}>
            <VerifyForm item={item} onDone={onDone} onCancel={onOpen} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
