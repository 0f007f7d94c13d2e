import type { SignInAttemptCounts } from "@datchuan/db";

/**
 * The sign-in throttle. Guesses are limited per account and client, so a stranger elsewhere
 * cannot lock a real user out; per client, so one address cannot try many accounts; and
 * overall, so a botnet cannot turn password hashing into a denial of service.
 */
export const SIGN_IN_THROTTLE = {
  /** Attempts are remembered this long. */
  windowSeconds: 15 * 60,
  /** Failures of one account from one client before waiting starts. */
  freeFailures: 5,
  /** The first wait; each further failure doubles it, up to `maxDelaySeconds`. */
  firstDelaySeconds: 15,
  maxDelaySeconds: 15 * 60,
  /** Failures from one client, any account, within the window. */
  perClient: 50,
  /** Failures from anywhere within a minute. */
  perMinuteOverall: 300,
} as const;

export type ThrottleDecision =
  | { admitted: true }
  | { admitted: false; retryAfterSeconds: number; reason: "account" | "client" | "overall" };

/** The wait owed after `failures` failures of one account from one client. */
export function delayAfterFailures(failures: number): number {
  const { freeFailures, firstDelaySeconds, maxDelaySeconds } = SIGN_IN_THROTTLE;
  if (failures < freeFailures) return 0;
  return Math.min(firstDelaySeconds * 2 ** (failures - freeFailures), maxDelaySeconds);
}

export function decideSignIn(counts: SignInAttemptCounts): ThrottleDecision {
  if (counts.lastMinute >= SIGN_IN_THROTTLE.perMinuteOverall)
    return { admitted: false, retryAfterSeconds: 60, reason: "overall" };
  if (counts.fromClient >= SIGN_IN_THROTTLE.perClient)
    return { admitted: false, retryAfterSeconds: SIGN_IN_THROTTLE.windowSeconds, reason: "client" };
  const owed = delayAfterFailures(counts.accountFromClient);
  const waited = counts.secondsSinceLastAccountFromClient ?? Number.POSITIVE_INFINITY;
  if (owed > waited)
    return { admitted: false, retryAfterSeconds: Math.ceil(owed - waited), reason: "account" };
  return { admitted: true };
}

/** "30 giây", "4 phút": how long to wait, in words a clerk reads. */
export function waitInWords(seconds: number): string {
  return seconds < 90
    ? `${Math.max(1, Math.ceil(seconds))} giây`
    : `${Math.ceil(seconds / 60)} phút`;
}
