import { useTRPC } from "@datchuan/ui";
import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";

/**
 * The criteria set a workplace page shows: `?bo=` in the address (so a link keeps it), else the
 * commune's first set with a verdict. Gives a labelled chooser when there are several.
 */
export function useChosenSet(code: string) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const home = useQuery(trpc.commune.home.queryOptions({ unitCode: code }));
  const sets = home.data?.sets ?? [];
  const fallback = sets.find((s) => s.standing) ?? sets[0];
  const setId = params.get("bo") ?? fallback?.setId ?? null;
  const chooser =
    sets.length > 1 ? (
      <div className="field">
        <label htmlFor={id}>{t("workplace.scorecard.set")}</label>
        <select
          id={id}
          value={setId ?? ""}
          onChange={(event) => setParams({ bo: event.target.value }, { replace: true })}
        >
          {sets.map((s) => (
            <option key={s.setId} value={s.setId}>
              {s.title}
            </option>
          ))}
        </select>
      </div>
    ) : null;
  return { setId, home, chooser, query: setId ? `?bo=${encodeURIComponent(setId)}` : "" };
}
