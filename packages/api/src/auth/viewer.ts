import { type Database, findSession, listRoleAssignments } from "@datchuan/db";
import type { Viewer } from "../trpc";
import { hashSessionToken } from "./session";

/** Resolves a session cookie's token to the signed-in viewer, or null. */
export async function loadViewer(
  db: Database,
  token: string | undefined,
): Promise<{ viewer: Viewer; tokenHash: string } | null> {
  if (!token) return null;
  const tokenHash = hashSessionToken(token);
  const found = await findSession(db, tokenHash);
  if (!found) return null;
  return {
    viewer: { ...found.user, roles: await listRoleAssignments(db, found.user.id) },
    tokenHash,
  };
}
