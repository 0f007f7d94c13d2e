import { type Database, findSessionWithRoles } from "@datchuan/db";
import type { Viewer } from "../trpc";
import { hashSessionToken } from "./session";

/** Resolves a session cookie's token to the signed-in viewer, or null. */
export async function loadViewer(
  db: Database,
  token: string | undefined,
): Promise<{ viewer: Viewer; tokenHash: string } | null> {
  if (!token) return null;
  const tokenHash = hashSessionToken(token);
  // The session and its user's roles in one round trip: every signed-in request pays it.
  const found = await findSessionWithRoles(db, tokenHash);
  if (!found) return null;
  return { viewer: { ...found.user, roles: found.roles }, tokenHash };
}
