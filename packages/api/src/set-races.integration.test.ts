import { auditEvent } from "@datchuan/db/schema";
import { and, eq, like, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "./testing";

/**
 * Publishing criteria set versions raced on PostgreSQL: verifying a threshold publishes a
 * `+kcN` version of the set, so two verifications, or a verification and the publication of a
 * new draft, are two publications of one set id. Whatever the interleaving, the outcome must be
 * one a sequence of the same requests could give: no two versions from one verification, and
 * the version in force is the last publication that succeeded.
 */
const postgres = (await testDatabases()).find((database) => database.name === "PostgreSQL");
if (!postgres) console.warn("Criteria set race tests skipped: they need PostgreSQL (see above).");

const ROUNDS = 5;
const NTM = "ntm-xa-2021-2025";

describe.runIf(postgres)("criteria set publications raced on PostgreSQL", () => {
  const env = useTestDatabase(postgres!);
  const as = env.as;

  /** The national set's version in force (for today) and a threshold with a value still to verify. */
  async function inForce() {
    const worklist = await (await as("quantri")).criteriaSet.thresholdWorklist();
    const set = worklist.find((s) => s.setId === NTM)!;
    const row = await (await as("quantri")).criteriaSet.get({ id: set.id });
    const item = set.items.find((i) => !i.problems.includes("empty"))!;
    expect(item).toBeDefined();
    return { set, row, item };
  }
  const versionsOf = async () =>
    (await (await as("quantri")).criteriaSet.list()).filter((s) => s.setId === NTM);
  const verifications = () =>
    env.handle.db
      .select()
      .from(auditEvent)
      .where(
        and(eq(auditEvent.action, "criteria_set.verify_threshold"), like(auditEvent.unitPath, "/")),
      );

  it("publishes one version when two admins verify the same threshold at once", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { row, item } = await inForce();
      const before = await versionsOf();
      const audited = (await verifications()).length;
      const [first, second] = await Promise.all([as("quantri"), as("quantri")]);
      const verify = (caller: typeof first, source: string) =>
        caller.criteriaSet.verifyThreshold({
          id: row.id,
          expectedRowVersion: row.rowVersion,
          indicator: item.indicator,
          ruleIndex: item.ruleIndex,
          source,
        });
      const outcomes = await Promise.allSettled([
        verify(first, "QĐ 318/QĐ-TTg (người thứ nhất)"),
        verify(second, "QĐ 318/QĐ-TTg (người thứ hai)"),
      ]);
      const fulfilled = outcomes.filter((o) => o.status === "fulfilled");
      expect(fulfilled).toHaveLength(1);
      expect(outcomes.find((o) => o.status === "rejected")).toMatchObject({
        reason: { code: "CONFLICT" },
      });
      const after = await versionsOf();
      expect(after).toHaveLength(before.length + 1);
      expect((await verifications()).length).toBe(audited + 1);
      const published = (fulfilled[0] as PromiseFulfilledResult<{ version: string }>).value;
      expect((await inForce()).set.version).toBe(published.version);
    }
  });

  it("keeps in force the last publication when a draft is published while a threshold is verified", async () => {
    const admin = await as("quantri");
    for (let round = 0; round < ROUNDS; round++) {
      const { row, item } = await inForce();
      const definition = { ...(row.definition as object), version: `2025-dua-${round}` };
      const draft = await admin.criteriaSet.createDraft({ definition, ownerUnitCode: null });
      const [publisher, verifier] = await Promise.all([as("quantri"), as("quantri")]);
      const outcomes = await Promise.allSettled([
        publisher.criteriaSet.publish({ id: draft.id, expectedRowVersion: draft.rowVersion }),
        verifier.criteriaSet.verifyThreshold({
          id: row.id,
          expectedRowVersion: row.rowVersion,
          indicator: item.indicator,
          ruleIndex: item.ruleIndex,
          source: "QĐ 318/QĐ-TTg",
        }),
      ]);
      // The publication of a draft is never refused for a verification of another version.
      expect(outcomes[0]!.status).toBe("fulfilled");
      // Both succeeding means the verification came first, so the draft is what judges now;
      // the draft first means the verified version was superseded: a CONFLICT.
      if (outcomes[1]!.status === "rejected")
        expect(outcomes[1]!.reason).toMatchObject({ code: "CONFLICT" });
      expect((await inForce()).set.version).toBe(`2025-dua-${round}`);
    }
  });

  it("keeps in force the draft published last, even when its transaction began before a verification's", async () => {
    const { row, item } = await inForce();
    const admin = await as("quantri");
    const definition = { ...(row.definition as object), version: "2025-dua-cham" };
    const draft = await admin.criteriaSet.createDraft({ definition, ownerUnitCode: null });
    const db = env.handle.db;
    const waiting = async () => {
      const result = await db.execute(sql`
        select count(*)::int as n from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock'`);
      return (result as unknown as { rows: Array<{ n: number }> }).rows[0]!.n;
    };
    /** Polls until `ready` holds: waits on what the server shows, not on a clock. */
    const until = async (ready: () => Promise<boolean>) => {
      while (!(await ready())) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holding!: () => void;
    const held = new Promise<void>((resolve) => {
      holding = resolve;
    });
    // Someone (here: the test) holds the draft's row, so the publication starts and waits.
    const holder = db.transaction(async (tx) => {
      await tx.execute(sql`select id from criteria_set where id = ${draft.id} for update`);
      holding();
      await released;
    });
    await held;
    const publication = (await as("quantri")).criteriaSet
      .publish({ id: draft.id, expectedRowVersion: draft.rowVersion })
      .then(
        (value) => ({ status: "fulfilled" as const, value }),
        (reason: unknown) => ({ status: "rejected" as const, reason }),
      );
    await until(async () => (await waiting()) >= 1);
    // Meanwhile a threshold of the version in force is verified: it either finishes (it did
    // not wait for the publication) or waits for it; either way the holder then lets go.
    let verified = false;
    const verification = (await as("quantri")).criteriaSet
      .verifyThreshold({
        id: row.id,
        expectedRowVersion: row.rowVersion,
        indicator: item.indicator,
        ruleIndex: item.ruleIndex,
        source: "QĐ 318/QĐ-TTg",
      })
      .then(
        (value) => ({ status: "fulfilled" as const, value }),
        (reason: unknown) => ({ status: "rejected" as const, reason }),
      )
      .finally(() => {
        verified = true;
      });
    await until(async () => verified || (await waiting()) >= 2);
    release();
    await holder;
    const [published, verifiedOutcome] = await Promise.all([publication, verification]);
    expect(published.status).toBe("fulfilled");
    if (verifiedOutcome.status === "rejected")
      expect(verifiedOutcome.reason).toMatchObject({ code: "CONFLICT" });
    // The publication committed last (or the verification saw it and was refused): it judges.
    expect((await inForce()).set.version).toBe("2025-dua-cham");
  });

  it("publishes a draft once when two admins publish it at once, with one job and one audit", async () => {
    const { row } = await inForce();
    const admin = await as("quantri");
    for (let round = 0; round < ROUNDS; round++) {
      const definition = { ...(row.definition as object), version: `2025-hai-nguoi-${round}` };
      const draft = await admin.criteriaSet.createDraft({ definition, ownerUnitCode: null });
      const publishers = await Promise.all([as("quantri"), as("quantri")]);
      const outcomes = await Promise.allSettled(
        publishers.map((p) =>
          p.criteriaSet.publish({ id: draft.id, expectedRowVersion: draft.rowVersion }),
        ),
      );
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      expect(outcomes.find((o) => o.status === "rejected")).toMatchObject({
        reason: { code: "CONFLICT" },
      });
      const events = await env.handle.db
        .select()
        .from(auditEvent)
        .where(
          and(eq(auditEvent.action, "criteria_set.publish"), eq(auditEvent.entityId, draft.id)),
        );
      expect(events).toHaveLength(1);
      const jobs = await env.handle.db.execute(
        sql`select count(*)::int as n from reevaluation_job where set_row_id = ${draft.id}`,
      );
      expect((jobs as unknown as { rows: Array<{ n: number }> }).rows[0]!.n).toBe(1);
    }
  });

  it("keeps a draft's edit or its verification, never one silently over the other", async () => {
    const admin = await as("quantri");
    const { row } = await inForce();
    for (let round = 0; round < ROUNDS; round++) {
      const definition = { ...(row.definition as object), version: `2026-nhap-${round}` };
      const draft = await admin.criteriaSet.createDraft({ definition, ownerUnitCode: null });
      const original = (await admin.criteriaSet.get({ id: draft.id })).definition as {
        title: string;
      };
      const worklistItem = (await inForce()).item;
      const [editor, verifier] = await Promise.all([as("quantri"), as("quantri")]);
      const outcomes = await Promise.allSettled([
        editor.criteriaSet.updateDraft({
          id: draft.id,
          definition: { ...definition, title: `${original.title} (sửa ${round})` },
          expectedRowVersion: draft.rowVersion,
        }),
        verifier.criteriaSet.verifyThreshold({
          id: draft.id,
          expectedRowVersion: draft.rowVersion,
          indicator: worklistItem.indicator,
          ruleIndex: worklistItem.ruleIndex,
          source: "QĐ 318/QĐ-TTg",
        }),
      ]);
      expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
      expect(outcomes.find((o) => o.status === "rejected")).toMatchObject({
        reason: { code: "CONFLICT" },
      });
      const stored = await admin.criteriaSet.get({ id: draft.id });
      expect(stored.rowVersion).toBe(draft.rowVersion + 1);
      const edited = (stored.definition as { title: string }).title.endsWith(`(sửa ${round})`);
      expect(edited).toBe(outcomes[0]!.status === "fulfilled");
    }
  });
});
