import { type DBSchema, type IDBPDatabase, openDB } from "idb";
import type { Draft, DraftScope } from "./draft-logic";
import { scopePrefix } from "./draft-logic";

interface DraftDb extends DBSchema {
  drafts: { key: string; value: Draft };
}

let opened: Promise<IDBPDatabase<DraftDb>> | null = null;

function database(): Promise<IDBPDatabase<DraftDb>> {
  opened ??= openDB<DraftDb>("datchuan-drafts", 1, {
    upgrade(db) {
      db.createObjectStore("drafts", { keyPath: "key" });
    },
  });
  return opened;
}

/**
 * The offline draft store: every change to a value is written here before it is sent, so
 * nothing typed is lost to a reload, a closed tab, a dropped connection or an expired session.
 */
export const draftStore = {
  async list(scope: DraftScope): Promise<Draft[]> {
    const prefix = scopePrefix(scope);
    const range = IDBKeyRange.bound(prefix, `${prefix}\uffff`);
    return (await database()).getAll("drafts", range);
  },
  async put(draft: Draft): Promise<void> {
    await (await database()).put("drafts", draft);
  },
  async remove(key: string): Promise<void> {
    await (await database()).delete("drafts", key);
  },
};
