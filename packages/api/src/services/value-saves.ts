import {
  type AuditEntry,
  type Database,
  getOrCreateReport,
  lockUnitSetReports,
  recordAudits,
  type StoredValue,
  saveIndicatorValue,
  type Transaction,
} from "@datchuan/db";
import type { IndicatorValue } from "@datchuan/domain";
import { TRPCError } from "@trpc/server";
import { conflictError } from "../trpc";
import { evaluateAndStore, reevaluateLaterReports, reevaluateParentReports } from "./evaluation";
import { requireOpenForEntry } from "./reports";

/** One value to save, checked by the caller (access, set, indicator, value). */
export interface ValueSave {
  unit: { id: string; path: string; level: string };
  /** The programme the unit's report belongs to (the judging set's `programme`). */
  setId: string;
  period: string;
  indicatorCode: string;
  value: IndicatorValue;
  evidenceNote: string | null;
  enteredBy: string;
  /** The version the writer read; null: there was none. */
  expectedRowVersion: number | null;
}

export interface SavedValue {
  value: StoredValue;
  verdictSummary: string | null;
}

type Outcome = { saved: StoredValue; audit: AuditEntry } | { refused: TRPCError };

interface Waiting {
  save: ValueSave;
  resolve(saved: SavedValue): void;
  reject(error: unknown): void;
}

/**
 * Saves of one report waiting here, per database handle. Saves of a report take turns on its
 * unit's and set's lock, and each turn re-judged the report: ten writers of one report cost ten
 * evaluations, one after another. A save arriving while another of the same report is under way
 * waits for it here instead, and all that waited go in the next turn together: one transaction,
 * one lock, one evaluation (`saveTogether`).
 */
const waitingByDatabase = new WeakMap<Database, Map<string, Waiting[]>>();

/**
 * Saves a value and re-judges its report (and what reads it), as one save alone would, though
 * possibly in one transaction with other saves of the same report made meanwhile: each keeps its
 * own version check, audit row and refusal. Rejects as that save alone would have.
 */
export function saveValue(db: Database, save: ValueSave): Promise<SavedValue> {
  let queues = waitingByDatabase.get(db);
  if (!queues) {
    queues = new Map();
    waitingByDatabase.set(db, queues);
  }
  const key = `${save.unit.id}/${save.setId}/${save.period}`;
  const saved = new Promise<SavedValue>((resolve, reject) => {
    const queue = queues.get(key);
    if (queue) queue.push({ save, resolve, reject });
    else {
      const started = [{ save, resolve, reject }];
      queues.set(key, started);
      void takeTurns(db, queues, key, started);
    }
  });
  return saved;
}

/** How many saves wait for a turn (not the ones under way): for tests and monitoring. */
export function waitingSaves(db: Database): number {
  let count = 0;
  for (const queue of waitingByDatabase.get(db)?.values() ?? []) count += queue.length;
  return count;
}

/**
 * Runs the report's turns until nobody waits. A turn takes everyone waiting once it holds the
 * report's lock: the wait for the lock (on the embedded database, for the database itself) is
 * when the other saves come.
 */
async function takeTurns(
  db: Database,
  queues: Map<string, Waiting[]>,
  key: string,
  queue: Waiting[],
) {
  while (queue.length > 0) {
    // Requests already received get to come first. On the embedded database a query waits for
    // no I/O, so without a turn of the event loop a save and its turn would run through before
    // the server even reads the next request: saves would never meet.
    await new Promise((resolve) => setImmediate(resolve));
    await saveAndSettle(db, queue[0]!.save, () => queue.splice(0));
  }
  queues.delete(key);
}

/**
 * One turn, of the saves `take` gives once the lock of `first`'s report is held. A refusal
 * (version conflict, value no longer editable) is that save's alone; a refusal of the report
 * (submitted, closed) is every save's, as each alone would have met it. Anything else that fails
 * the transaction undoes the turn, and its saves are then made one by one, so one save's failure
 * never fails the others.
 */
async function saveAndSettle(db: Database, first: ValueSave, take: () => Waiting[]): Promise<void> {
  let turn: Waiting[] | undefined;
  const saves = () => {
    turn ??= take();
    return turn.map((w) => w.save);
  };
  try {
    const { outcomes, verdictSummary } = await db.transaction((tx) =>
      saveTogether(tx, first, saves),
    );
    settle(turn!, outcomes, verdictSummary);
  } catch (error) {
    turn ??= take();
    if (error instanceof NothingSaved) settle(turn, error.outcomes, null);
    else if (turn.length === 1 || error instanceof TRPCError) for (const w of turn) w.reject(error);
    else for (const waiting of turn) await saveAndSettle(db, waiting.save, () => [waiting]);
  }
}

function settle(turn: Waiting[], outcomes: Outcome[], verdictSummary: string | null) {
  turn.forEach((waiting, i) => {
    const outcome = outcomes[i]!;
    if ("saved" in outcome) waiting.resolve({ value: outcome.saved, verdictSummary });
    else waiting.reject(outcome.refused);
  });
}

/** Every save of the turn was refused: the transaction is undone (no report is created). */
class NothingSaved extends Error {
  constructor(readonly outcomes: Outcome[]) {
    super("Nothing saved");
  }
}

/**
 * The saves of `first`'s report waiting once its lock is held (`take`), in the order they came,
 * then one evaluation of what they left.
 */
async function saveTogether(tx: Transaction, first: ValueSave, take: () => ValueSave[]) {
  const { unit, setId, period } = first;
  // Locked first: the verdicts stored below must see every value committed before them.
  // The unit's and set's lock comes before the row: these saves re-judge later periods.
  await lockUnitSetReports(tx, { unitId: unit.id, setId });
  const saves = take();
  const report = await getOrCreateReport(tx, { unitId: unit.id, setId, period });
  requireOpenForEntry(report);
  const outcomes: Outcome[] = [];
  for (const save of saves) outcomes.push(await saveOne(tx, report.id, save));
  const savedCodes = saves.filter((_, i) => "saved" in outcomes[i]!).map((s) => s.indicatorCode);
  if (savedCodes.length === 0) throw new NothingSaved(outcomes);
  await recordAudits(
    tx,
    outcomes.flatMap((outcome) => ("audit" in outcome ? [outcome.audit] : [])),
  );
  const verdict = await evaluateAndStore(tx, report);
  await reevaluateLaterReports(tx, report);
  // A village's figure feeds its commune's indicators derived from villages.
  if (unit.level === "village")
    await reevaluateParentReports(tx, {
      childUnitId: unit.id,
      indicatorCodes: [...new Set(savedCodes)],
      period,
    });
  return { outcomes, verdictSummary: verdict?.summary ?? null };
}

async function saveOne(tx: Transaction, reportId: string, save: ValueSave): Promise<Outcome> {
  const result = await saveIndicatorValue(tx, {
    reportId,
    indicatorCode: save.indicatorCode,
    value: save.value,
    evidenceNote: save.evidenceNote,
    enteredBy: save.enteredBy,
    expectedRowVersion: save.expectedRowVersion,
  });
  if (result.outcome === "conflict")
    return {
      refused: conflictError(
        "Giá trị này vừa được người khác thay đổi. Xem giá trị hiện tại rồi nhập lại.",
        result.current,
      ),
    };
  if (result.outcome === "not_editable")
    return {
      refused: new TRPCError({
        code: "PRECONDITION_FAILED",
        message: "Giá trị đã gửi thẩm định hoặc đã được chấp nhận; không sửa được.",
      }),
    };
  const audit: AuditEntry = {
    actorUserId: save.enteredBy,
    action: "value.save",
    entity: "indicator_value",
    entityId: result.value.id,
    unitPath: save.unit.path,
    before: result.before
      ? { value: result.before.value, evidenceNote: result.before.evidenceNote }
      : null,
    after: { value: result.value.value, evidenceNote: result.value.evidenceNote },
  };
  return { saved: result.value, audit };
}
