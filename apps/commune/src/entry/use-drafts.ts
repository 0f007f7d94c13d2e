import type { CriteriaSet, Indicator, IndicatorValue } from "@datchuan/domain";
import { apiErrorCode, readApiProblem, useSession, useTRPC } from "@datchuan/ui";
import { useMutation } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useReducer, useRef } from "react";
import {
  type Draft,
  type DraftFields,
  type DraftScope,
  draftKey,
  readFields,
  reconcile,
  type ServerValue,
} from "../drafts/draft-logic";
import { draftStore } from "../drafts/draft-store";

/** Where one indicator's value is: only on the server, only here, on its way, or disputed. */
export type SaveState = "saved" | "local" | "sending" | "conflict" | "refused";

const RETRY_MS = 4000;
const SEND_AFTER_MS = 900;

function indicatorsOf(set: CriteriaSet): Map<string, Indicator> {
  return new Map(set.criteria.flatMap((c) => c.indicators.map((i) => [i.code, i] as const)));
}

/**
 * The page's drafts: each change is written to IndexedDB first, then sent with the row version
 * it was based on. A failed link keeps it queued (retried on `online` and every few seconds);
 * a newer version on the server makes it a conflict the clerk settles; a refusal stays shown.
 */
export function useDrafts(params: {
  scope: DraftScope | null;
  set: CriteriaSet | null;
  serverValues: readonly ServerValue[] | null;
}) {
  const { scope, set, serverValues } = params;
  const trpc = useTRPC();
  const { expired } = useSession();
  // `mutateAsync` is stable; the mutation object is not, and would re-create every callback.
  const { mutateAsync: saveValue } = useMutation(trpc.report.saveValue.mutationOptions());
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const drafts = useRef(new Map<string, Draft>());
  const server = useRef(new Map<string, ServerValue>());
  const sending = useRef(new Set<string>());
  const offline = useRef(false);
  const loadedFor = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const indicators = useMemo(() => (set ? indicatorsOf(set) : new Map<string, Indicator>()), [set]);
  const scopeKey = scope ? draftKey(scope, "") : null;

  // The server's values, each time the page's report is (re)loaded.
  useEffect(() => {
    if (!serverValues) return;
    server.current = new Map(serverValues.map((v) => [v.indicatorCode, v]));
    rerender();
  }, [serverValues]);

  const persist = useCallback((draft: Draft | null, key: string) => {
    if (draft) {
      drafts.current.set(draft.indicator, draft);
      void draftStore.put(draft);
    } else {
      drafts.current.delete(key);
    }
    rerender();
  }, []);

  const drop = useCallback((indicator: string) => {
    const draft = drafts.current.get(indicator);
    drafts.current.delete(indicator);
    if (draft) void draftStore.remove(draft.key);
    rerender();
  }, []);

  const send = useCallback(
    async (draft: Draft) => {
      const indicator = indicators.get(draft.indicator);
      if (!scope || !indicator) return;
      const read = readFields(indicator, draft.fields, scope.period);
      if (read.kind !== "value") return;
      sending.current.add(draft.indicator);
      rerender();
      try {
        const result = await saveValue({
          unitCode: scope.unit,
          setId: scope.set,
          period: scope.period,
          indicatorCode: draft.indicator,
          value: read.value,
          evidenceNote: read.note,
          expectedRowVersion: draft.baseRowVersion,
        });
        offline.current = false;
        server.current.set(draft.indicator, result.value as ServerValue);
        const now = drafts.current.get(draft.indicator);
        if (now && now.revision === draft.revision) drop(draft.indicator);
        else if (now) persist({ ...now, baseRowVersion: result.value.rowVersion }, now.indicator);
      } catch (error) {
        const now = drafts.current.get(draft.indicator) ?? draft;
        const code = apiErrorCode(error);
        if (code === "CONFLICT") {
          const data = (error as { data?: { conflict?: ServerValue | null } }).data;
          const theirs = data?.conflict ?? null;
          persist({ ...now, state: "conflict", theirs }, now.indicator);
        } else if (code === null) {
          // No server answered: the link is down. Kept, and sent again when it returns.
          offline.current = true;
        } else if (code !== "UNAUTHORIZED" && code !== "TOO_MANY_REQUESTS") {
          const message = readApiProblem(error).message ?? "";
          persist({ ...now, state: "refused", message }, now.indicator);
        }
      } finally {
        sending.current.delete(draft.indicator);
        rerender();
      }
    },
    [indicators, scope, saveValue, drop, persist],
  );

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    // Offline, a send could only fail: the drafts wait for the `online` event.
    if (expired || !navigator.onLine) return;
    for (const draft of drafts.current.values())
      if (draft.state === "pending" && !sending.current.has(draft.indicator)) void send(draft);
  }, [expired, send]);

  // Drafts kept from an earlier visit (a reload, a closed tab): settled against the server.
  useEffect(() => {
    if (!scope || !scopeKey || !serverValues || loadedFor.current === scopeKey) return;
    loadedFor.current = scopeKey;
    drafts.current = new Map();
    void draftStore.list(scope).then((kept) => {
      for (const draft of kept) {
        const indicator = indicators.get(draft.indicator);
        if (!indicator) continue;
        const theirs = server.current.get(draft.indicator) ?? null;
        const outcome = reconcile(draft, theirs, readFields(indicator, draft.fields, scope.period));
        if (outcome === "drop") void draftStore.remove(draft.key);
        else if (outcome === "conflict")
          drafts.current.set(draft.indicator, { ...draft, state: "conflict", theirs });
        else drafts.current.set(draft.indicator, draft);
      }
      rerender();
      flush();
    });
  }, [scope, scopeKey, serverValues, indicators, flush]);

  // Sent again when the connection returns, after a sign-in, and every few seconds meanwhile.
  useEffect(() => {
    const retry = () => flush();
    const noticeOffline = () => rerender();
    window.addEventListener("online", retry);
    window.addEventListener("offline", noticeOffline);
    const every = setInterval(() => {
      if ([...drafts.current.values()].some((d) => d.state === "pending")) flush();
    }, RETRY_MS);
    if (!expired) flush();
    return () => {
      window.removeEventListener("online", retry);
      window.removeEventListener("offline", noticeOffline);
      clearInterval(every);
    };
  }, [flush, expired]);

  /** A change typed by the clerk: kept at once, sent shortly after typing pauses. */
  const change = useCallback(
    (indicator: string, fields: DraftFields) => {
      if (!scope) return;
      const existing = drafts.current.get(indicator);
      const base = server.current.get(indicator)?.rowVersion ?? null;
      persist(
        {
          key: draftKey(scope, indicator),
          ...scope,
          indicator,
          fields,
          baseRowVersion: existing ? existing.baseRowVersion : base,
          state: existing?.state === "conflict" ? "conflict" : "pending",
          revision: (existing?.revision ?? 0) + 1,
          ...(existing?.state === "conflict" ? { theirs: existing.theirs ?? null } : {}),
        },
        indicator,
      );
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush, SEND_AFTER_MS);
    },
    [scope, persist, flush],
  );

  const keepMine = useCallback(
    (indicator: string) => {
      const draft = drafts.current.get(indicator);
      if (!draft) return;
      const { theirs, message: _m, ...rest } = draft;
      const next: Draft = { ...rest, state: "pending", baseRowVersion: theirs?.rowVersion ?? null };
      persist(next, indicator);
      void send(next);
    },
    [persist, send],
  );

  const takeTheirs = useCallback(
    (indicator: string) => {
      const theirs = drafts.current.get(indicator)?.theirs;
      if (theirs) server.current.set(indicator, theirs);
      drop(indicator);
    },
    [drop],
  );

  const stateOf = (indicator: string): SaveState => {
    if (sending.current.has(indicator)) return "sending";
    const draft = drafts.current.get(indicator);
    if (!draft) return "saved";
    return draft.state === "pending" ? "local" : draft.state;
  };

  /** The values the page judges: what was typed where it reads as a value, else the server's. */
  const current: Record<string, IndicatorValue | undefined> = {};
  for (const [code, value] of server.current) current[code] = value.value;
  if (scope)
    for (const draft of drafts.current.values()) {
      const indicator = indicators.get(draft.indicator);
      if (!indicator) continue;
      const read = readFields(indicator, draft.fields, scope.period);
      if (read.kind === "value") current[draft.indicator] = read.value;
    }

  return {
    drafts: drafts.current,
    server: server.current,
    current,
    offline: offline.current || (typeof navigator !== "undefined" && !navigator.onLine),
    sendingCount: sending.current.size,
    stateOf,
    change,
    flush,
    keepMine,
    takeTheirs,
  };
}
