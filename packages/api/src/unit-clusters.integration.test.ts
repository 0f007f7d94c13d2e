import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "./testing";

describe.each(await testDatabases())("on $name", (database) => {
  const env = useTestDatabase(database);
  const as = env.as;

  const northern = ["THO-XUAN.XUAN-MINH", "THO-XUAN.XUAN-TIN"];
  const create = async () =>
    (await as("huyen.thoxuan")).unit.createCluster({
      ownerCode: "THO-XUAN",
      name: "Cụm phía Bắc",
      memberCodes: northern,
    });
  // Tests share one database: each reads back only the cluster it made.
  const stored = async (clusterId: string) =>
    (await (await as(null)).unit.clusters({ ownerCode: "THO-XUAN" })).find(
      (c) => c.id === clusterId,
    );

  it("renames a cluster and adds and removes members at the version read, audited", async () => {
    const cluster = await create();
    const admin = await as("huyen.thoxuan");
    const updated = await admin.unit.updateCluster({
      clusterId: cluster.id,
      expectedRowVersion: cluster.rowVersion,
      name: "Cụm phía Bắc sông Chu",
      memberCodes: ["THO-XUAN.XUAN-TIN", "THO-XUAN.TRUONG-XUAN"],
    });
    expect(updated).toMatchObject({ name: "Cụm phía Bắc sông Chu", rowVersion: 2 });
    const after = await stored(cluster.id);
    expect(after).toMatchObject({ name: "Cụm phía Bắc sông Chu", rowVersion: 2 });
    expect(after?.members.map((m) => m.code).sort()).toEqual([
      "THO-XUAN.TRUONG-XUAN",
      "THO-XUAN.XUAN-TIN",
    ]);
    const [event] = await admin.audit.list({ unitCode: "THO-XUAN" });
    expect(event).toMatchObject({
      action: "cluster.update",
      before: { name: "Cụm phía Bắc", memberCodes: expect.arrayContaining(northern) },
      after: { name: "Cụm phía Bắc sông Chu" },
    });

    // The review reads the cluster's new members.
    const standing = await (await as(null)).review.standing({
      clusterId: cluster.id,
      setId: "ntm-xa-2021-2025",
      asOf: "2023-05-19",
    });
    expect(standing.communes).toBe(2);
    const scoped = [...standing.units, ...standing.notReported].map((u) => u.code);
    expect(scoped.sort()).toEqual(["THO-XUAN.TRUONG-XUAN", "THO-XUAN.XUAN-TIN"]);
  });

  it("refuses a stale edit with CONFLICT and writes nothing", async () => {
    const cluster = await create();
    const admin = await as("huyen.thoxuan");
    await admin.unit.updateCluster({
      clusterId: cluster.id,
      expectedRowVersion: 1,
      name: "Cụm A",
      memberCodes: northern,
    });
    await expect(
      admin.unit.updateCluster({
        clusterId: cluster.id,
        expectedRowVersion: 1,
        name: "Cụm B",
        memberCodes: ["THO-XUAN.XUAN-MINH"],
      }),
    ).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/Tải lại/u) });
    await expect(
      admin.unit.deleteCluster({ clusterId: cluster.id, expectedRowVersion: 1 }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const after = await stored(cluster.id);
    expect(after).toMatchObject({ name: "Cụm A", rowVersion: 2 });
    expect(after?.members).toHaveLength(2);
  });

  it("keeps members inside the owner's subtree and clusters to their owner's managers", async () => {
    const cluster = await create();
    const edit = {
      clusterId: cluster.id,
      expectedRowVersion: 1,
      name: "Cụm phía Bắc",
      memberCodes: ["THO-XUAN.XUAN-MINH", "THANH-HOA"],
    };
    await expect((await as("huyen.thoxuan")).unit.updateCluster(edit)).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/ngoài phạm vi: THANH-HOA/u),
    });
    await expect(
      (await as("huyen.thoxuan")).unit.updateCluster({ ...edit, memberCodes: [] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    // A commune officer and the health reviewer manage no units.
    for (const username of ["xa.xuanminh", "yte.thoxuan"]) {
      await expect(
        (await as(username)).unit.updateCluster({ ...edit, memberCodes: northern }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(
        (await as(username)).unit.deleteCluster({ clusterId: cluster.id, expectedRowVersion: 1 }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    await expect(
      (await as(null)).unit.deleteCluster({ clusterId: cluster.id, expectedRowVersion: 1 }),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await stored(cluster.id)).toMatchObject({ rowVersion: 1 });
  });

  it("deletes a cluster, audited; its review scope is gone and the units stay", async () => {
    const cluster = await create();
    const admin = await as("huyen.thoxuan");
    expect(
      await admin.unit.deleteCluster({ clusterId: cluster.id, expectedRowVersion: 1 }),
    ).toEqual({ deleted: true });
    expect(await stored(cluster.id)).toBeUndefined();
    const [event] = await admin.audit.list({ unitCode: "THO-XUAN" });
    expect(event).toMatchObject({ action: "cluster.delete", before: { name: "Cụm phía Bắc" } });
    // The audit page's "Cụm đơn vị" filter: every cluster change, nothing else.
    const clusterEvents = await admin.audit.list({ unitCode: "THO-XUAN", action: "cluster." });
    expect(new Set(clusterEvents.map((e) => e.action))).toEqual(
      new Set(["cluster.create", "cluster.update", "cluster.delete"]),
    );
    await expect(
      (await as(null)).review.standing({
        clusterId: cluster.id,
        setId: "ntm-xa-2021-2025",
        asOf: "2023-05-19",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      admin.unit.deleteCluster({ clusterId: cluster.id, expectedRowVersion: 1 }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await (await as(null)).unit.byCode({ code: "THO-XUAN.XUAN-MINH" })).toMatchObject({
      parentCode: "THO-XUAN",
    });
  });

  it("follows a unit forward: merged into one commune, which was later split", async () => {
    const admin = await as("quantri");
    const versionOf = async (code: string) =>
      (await (await as(null)).unit.byCode({ code })).rowVersion;
    await admin.unit.merge({
      predecessors: await Promise.all(
        northern.map(async (code) => ({ code, expectedRowVersion: await versionOf(code) })),
      ),
      successor: { code: "THO-XUAN.XUAN-MINH-TIN", name: "Xuân Minh Tín", type: "xa" },
      parentCode: "THO-XUAN",
      effectiveDate: "2024-01-01",
      decision: null,
    });
    const villages = (await (await as(null)).unit.children({ code: "THO-XUAN.XUAN-MINH-TIN" })).map(
      (v) => v.code,
    );
    await admin.unit.split({
      predecessorCode: "THO-XUAN.XUAN-MINH-TIN",
      expectedRowVersion: await versionOf("THO-XUAN.XUAN-MINH-TIN"),
      effectiveDate: "2025-01-01",
      successors: [
        {
          code: "THO-XUAN.XMT-A",
          name: "Xuân Minh A",
          type: "xa",
          childCodes: villages.slice(0, 1),
        },
        { code: "THO-XUAN.XMT-B", name: "Xuân Minh B", type: "xa", childCodes: villages.slice(1) },
      ],
      decision: "QĐ (ví dụ)",
    });
    const forward = await (await as(null)).unit.successors({ code: "THO-XUAN.XUAN-MINH" });
    expect(forward.map((s) => [s.code, s.kind, s.effectiveDate, s.decision, s.depth])).toEqual([
      ["THO-XUAN.XUAN-MINH-TIN", "merge", "2024-01-01", null, 1],
      ["THO-XUAN.XMT-A", "split", "2025-01-01", "QĐ (ví dụ)", 2],
      ["THO-XUAN.XMT-B", "split", "2025-01-01", "QĐ (ví dụ)", 2],
    ]);
    // And back: the split commune's predecessors, through the merger.
    const back = await (await as(null)).unit.lineage({ code: "THO-XUAN.XMT-A" });
    expect(back.map((s) => [s.code, s.kind, s.decision, s.depth])).toEqual([
      ["THO-XUAN.XUAN-MINH-TIN", "split", "QĐ (ví dụ)", 1],
      ["THO-XUAN.XUAN-MINH", "merge", null, 2],
      ["THO-XUAN.XUAN-TIN", "merge", null, 2],
    ]);
    expect(await (await as(null)).unit.successors({ code: "THO-XUAN.XMT-A" })).toEqual([]);
    await expect((await as(null)).unit.successors({ code: "KHONG-CO" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
