import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { Executor, Transaction } from "../database";
import { signInAttempt } from "../schema";

/** What the throttle decides on; times are measured by the database's clock, in seconds. */
export interface SignInAttemptCounts {
  /** Unfinished or failed attempts for this account from this client, within the window. */
  accountFromClient: number;
  /** Seconds since the latest of those (null when there is none). */
  secondsSinceLastAccountFromClient: number | null;
  /** Unfinished or failed attempts from this client for any account, within the window. */
  fromClient: number;
  /** Unfinished or failed attempts from anywhere during the last minute. */
  lastMinute: number;
}

// One key for every throttle decision: counting and recording an attempt is one step, so a
// burst of concurrent guesses is counted exactly. Each decision holds it for a few milliseconds.
const THROTTLE_LOCK_KEY = 0x5349474e; // "SIGN"

/**
 * Counts the attempts the throttle weighs and, if `admit` says so, records this attempt before
 * its password is checked — all under one lock in the caller's transaction.
 */
export async function admitSignInAttempt<T extends { admitted: boolean }>(
  tx: Transaction,
  params: { username: string; clientAddress: string; windowSeconds: number },
  admit: (counts: SignInAttemptCounts) => T,
): Promise<T & { attemptId: string | null }> {
  await tx.execute(sql`select pg_advisory_xact_lock(${THROTTLE_LOCK_KEY})`);
  const since = sql`now() - make_interval(secs => ${params.windowSeconds})`;
  await tx.delete(signInAttempt).where(lt(signInAttempt.attemptedAt, since));
  const username = params.username.toLowerCase();
  const [counts] = await tx
    .select({
      accountFromClient: sql<number>`cast(count(*) filter (where ${signInAttempt.username} = ${username} and ${signInAttempt.clientAddress} = ${params.clientAddress}) as int)`,
      secondsSinceLastAccountFromClient: sql<
        number | null
      >`cast(extract(epoch from now() - max(${signInAttempt.attemptedAt}) filter (where ${signInAttempt.username} = ${username} and ${signInAttempt.clientAddress} = ${params.clientAddress})) as double precision)`,
      fromClient: sql<number>`cast(count(*) filter (where ${signInAttempt.clientAddress} = ${params.clientAddress}) as int)`,
      lastMinute: sql<number>`cast(count(*) filter (where ${signInAttempt.attemptedAt} > now() - interval '1 minute') as int)`,
    })
    .from(signInAttempt)
    .where(gt(signInAttempt.attemptedAt, since));
  const decision = admit({
    accountFromClient: counts?.accountFromClient ?? 0,
    secondsSinceLastAccountFromClient:
      counts?.secondsSinceLastAccountFromClient == null
        ? null
        : Number(counts.secondsSinceLastAccountFromClient),
    fromClient: counts?.fromClient ?? 0,
    lastMinute: counts?.lastMinute ?? 0,
  });
  if (!decision.admitted) return { ...decision, attemptId: null };
  const [row] = await tx
    .insert(signInAttempt)
    .values({ username, clientAddress: params.clientAddress })
    .returning({ id: signInAttempt.id });
  return { ...decision, attemptId: row!.id };
}

/** A successful sign-in forgets this client's failures for the account (its own attempt too). */
export async function clearSignInAttempts(
  db: Executor,
  params: { username: string; clientAddress: string },
): Promise<void> {
  await db
    .delete(signInAttempt)
    .where(
      and(
        eq(signInAttempt.username, params.username.toLowerCase()),
        eq(signInAttempt.clientAddress, params.clientAddress),
      ),
    );
}
