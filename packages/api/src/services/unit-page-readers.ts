import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Which kind of reader each unit page (`report.get`) of a request was computed for: may the
 * reader see drafts, evidence notes and return reasons, or only what is published. A kept reply
 * must be filed under the kind the procedure itself decided (from the roles and the unit as it
 * read them), not under what was guessed before it ran: a role granted or withdrawn in between
 * would otherwise file a draft reply where the public is served from.
 */
const readers = new AsyncLocalStorage<boolean[]>();

/** Called by `report.get`: the reply it is about to return was computed for this reader. */
export function noteUnitPageReader(mayReadDraft: boolean): void {
  readers.getStore()?.push(mayReadDraft);
}

/** Runs `handle` and says for which readers the unit pages it computed were (one per call). */
export async function unitPageReadersOf(handle: () => Promise<void>): Promise<boolean[]> {
  const noted: boolean[] = [];
  await readers.run(noted, handle);
  return noted;
}
