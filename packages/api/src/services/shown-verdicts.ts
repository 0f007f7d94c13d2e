import { type Executor, getShownVerdictStamp, getVerdictContent } from "@datchuan/db";
import type { SetVerdict } from "@datchuan/domain";

/**
 * The explained verdict a report shows, parsed once per stored content: a unit page asks for
 * the ~50 KB verdict on every load, and sending it over from the database and parsing it cost
 * more than the rest of the page. A small query names the shown verdict and its stamp
 * (`getShownVerdictStamp`); a verdict replaced, or another one shown, has another key, so a
 * kept verdict is never stale, only missed. Bounded, least recently used out.
 */
const LIMIT = 100;
const parsed = new Map<string, SetVerdict>();
let reads = 0;

/** How many explained verdicts were read from the database; for tests of the cache. */
export function shownVerdictReads() {
  return reads;
}

export async function shownVerdict(db: Executor, reportId: string): Promise<SetVerdict | null> {
  const shown = await getShownVerdictStamp(db, reportId);
  if (!shown) return null;
  const key = `${shown.id}@${shown.stamp}`;
  const kept = parsed.get(key);
  if (kept) {
    parsed.delete(key);
    parsed.set(key, kept);
    return kept;
  }
  reads++;
  const content = await getVerdictContent(db, shown.id);
  if (!content) return null;
  // Replaced between the two queries: the newer content is shown, but kept under its own key.
  const ownKey = `${shown.id}@${content.stamp}`;
  if (parsed.size >= LIMIT && !parsed.has(ownKey))
    parsed.delete(parsed.keys().next().value as string);
  parsed.set(ownKey, content.verdict);
  return content.verdict;
}
