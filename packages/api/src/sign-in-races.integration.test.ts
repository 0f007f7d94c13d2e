import { findSession } from "@datchuan/db";
import { describe, expect, it } from "vitest";
import { hashSessionToken } from "./auth/session";
import { createCaller } from "./root";
import { testDatabases, useTestDatabase } from "./testing";
import { systemClock } from "./trpc";

/**
 * A sign-in with the old password racing an admin's password reset (or a change by the user):
 * the reset promises that every session of the account has ended, so a sign-in that checked
 * the old password must not leave a session behind once the reset has committed. Only a
 * PostgreSQL server runs the two at once.
 */
const postgres = (await testDatabases()).find((database) => database.name === "PostgreSQL");
if (!postgres) console.warn("Sign-in race tests skipped: they need PostgreSQL (see above).");

const ROUNDS = 8;
const OLD_PASSWORD = "mat-khau-cu-da-lo";

describe.runIf(postgres)("sign-in raced with a password reset on PostgreSQL", () => {
  const env = useTestDatabase(postgres!);

  /** A caller signing in from its own address, keeping the session token it is given. */
  function signInCaller(clientAddress: string) {
    const tokens: string[] = [];
    const caller = createCaller({
      db: env.handle.db,
      viewer: null,
      sessionTokenHash: null,
      sessionCookie: { set: (token: string) => void tokens.push(token), clear: () => {} },
      clientAddress,
      requestId: "sign-in-race",
      callsInRequest: 1,
      now: systemClock,
    });
    return { caller, tokens };
  }

  it("leaves no session signed in with the old password once a reset has ended them all", async () => {
    const admin = await env.as("huyen.thoxuan");
    for (let round = 0; round < ROUNDS; round++) {
      const created = await admin.user.create({
        username: `bi.lo.mat.khau.${round}`,
        displayName: "Cán bộ bị lộ mật khẩu",
        password: OLD_PASSWORD,
        role: "commune_officer",
        scopeCode: "THO-XUAN.XUAN-MINH",
        department: null,
      });
      const { version } = (await admin.user.list()).find((u) => u.id === created.id)!;
      const resetter = await env.as("huyen.thoxuan");
      const { caller, tokens } = signInCaller(`10.9.0.${round + 1}`);
      const [signIn, reset] = await Promise.allSettled([
        caller.auth.signIn({ username: created.username, password: OLD_PASSWORD }),
        resetter.user.resetPassword({
          userId: created.id,
          newPassword: "mat-khau-moi-an-toan",
          expectedVersion: version,
        }),
      ]);
      expect(reset.status).toBe("fulfilled");
      if (signIn.status === "rejected") {
        // Refused only because the password changed under it: the old one is wrong now.
        expect(signIn.reason).toMatchObject({ code: "UNAUTHORIZED" });
        continue;
      }
      expect(tokens).toHaveLength(1);
      // Signed in before the reset committed: the reset ended this session with the others.
      expect(await findSession(env.handle.db, hashSessionToken(tokens[0]!))).toBeUndefined();
    }
  });
});
