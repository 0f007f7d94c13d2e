import { insertEvidenceFile } from "@datchuan/db";
import { getOfficialCriteriaSet } from "@datchuan/domain/official";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "./testing";

/**
 * A district admin's reach ends at the district: against a sibling district (another huyện of
 * the same province) and its commune, every write of today's procedures is refused — criteria
 * sets (edit, publish, verify a threshold, import its JSON under its id), units, clusters,
 * users, plans, targets and evidence. The sibling and its set are made by the system admin.
 */
const NTM = "ntm-xa-2021-2025";
const SIBLING = "THANH-HOA.HUYEN-BEN";
const SIBLING_COMMUNE = `${SIBLING}.XA-BEN`;
const SIBLING_SET = "ntm-xa-huyen-ben-thu";
const provenance = { source: "Quyết định thử của UBND huyện bên cạnh", verified: false };

/** The sibling district's adaptation of the national set: BHYT 15.1 at 100 %. Test data only. */
function siblingSet(version: string) {
  const health = getOfficialCriteriaSet(NTM)!.criteria.find((c) => c.number === 15)!;
  const insurance = health.indicators.find((i) => i.code === "15.1")!;
  return {
    id: SIBLING_SET,
    version,
    title: "Bộ tiêu chí xã NTM huyện bên cạnh (thử)",
    level: "commune" as const,
    effective: { from: "2022-03-08", to: "2025-12-31" },
    legalBasis: [{ source: "Quyết định thử của UBND huyện bên cạnh" }],
    adapts: { id: NTM },
    groups: [],
    criteria: [
      {
        number: 15,
        name: health.name,
        group: health.group,
        provenance,
        indicators: [{ ...insurance, thresholds: [{ value: 100, provenance }] }],
      },
    ],
  };
}

describe.each(await testDatabases())("on $name", (database) => {
  const env = useTestDatabase(database);
  const as = env.as;
  const forbidden = { code: "FORBIDDEN" };
  let published: { id: string; rowVersion: number };
  let draft: { id: string; rowVersion: number };
  let siblingUser: { id: string; version: number };
  let task: { id: string; rowVersion: number };
  let fileId: string;

  beforeAll(async () => {
    const admin = await as("quantri");
    await admin.unit.create({
      code: SIBLING,
      name: "Huyện Bên Cạnh (thử)",
      type: "huyen",
      level: "district",
      parentCode: "THANH-HOA",
      validFrom: "2020-01-01",
    });
    await admin.unit.create({
      code: SIBLING_COMMUNE,
      name: "Xã Bên Cạnh (thử)",
      type: "xa",
      level: "commune",
      parentCode: SIBLING,
      validFrom: "2020-01-01",
    });
    const first = await admin.criteriaSet.createDraft({
      definition: siblingSet("2022-thu"),
      ownerUnitCode: SIBLING,
    });
    published = await admin.criteriaSet.publish({
      id: first.id,
      expectedRowVersion: first.rowVersion,
    });
    draft = await admin.criteriaSet.createDraft({
      definition: siblingSet("2023-thu"),
      ownerUnitCode: SIBLING,
    });
    const created = await admin.user.create({
      username: "can.bo.huyen.ben",
      displayName: "Cán bộ huyện bên cạnh",
      password: "mat-khau-huyen-ben",
      role: "commune_officer",
      scopeCode: SIBLING_COMMUNE,
      department: null,
    });
    siblingUser = (await admin.user.list()).find((u) => u.id === created.id)!;
    task = await admin.planning.saveTask({
      unitCode: SIBLING_COMMUNE,
      setId: NTM,
      criterionNumber: 15,
      title: "Vận động BHYT",
      owner: "Trạm y tế",
      status: "todo",
    });
    const { value } = await admin.report.saveValue({
      unitCode: SIBLING_COMMUNE,
      setId: NTM,
      period: "2024",
      indicatorCode: "3.2",
      value: { kind: "boolean", period: "2024", value: true },
      expectedRowVersion: null,
    });
    const file = await insertEvidenceFile(env.handle.db, {
      indicatorValueId: value.id,
      fileName: "bien-ban.pdf",
      contentType: "application/pdf",
      content: Buffer.from("%PDF-1.4\n"),
      uploadedBy: created.id,
    });
    fileId = file.id;
  });

  it("cannot edit, publish, verify or take over a sibling district's criteria set", async () => {
    const district = await as("huyen.thoxuan");
    await expect(
      district.criteriaSet.updateDraft({
        id: draft.id,
        definition: siblingSet("2023-thu"),
        expectedRowVersion: draft.rowVersion,
      }),
    ).rejects.toMatchObject(forbidden);
    await expect(
      district.criteriaSet.publish({ id: draft.id, expectedRowVersion: draft.rowVersion }),
    ).rejects.toMatchObject(forbidden);
    await expect(
      district.criteriaSet.verifyThreshold({
        id: published.id,
        expectedRowVersion: published.rowVersion,
        indicator: "15.1",
        ruleIndex: 0,
        source: "QĐ của huyện khác",
      }),
    ).rejects.toMatchObject(forbidden);
    // A JSON import under the sibling's set id, owned by the district or by the sibling.
    await expect(
      district.criteriaSet.createDraft({
        definition: siblingSet("2024-chiem"),
        ownerUnitCode: "THO-XUAN",
      }),
    ).rejects.toMatchObject({ ...forbidden, message: expect.stringMatching(/mã riêng/u) });
    await expect(
      district.criteriaSet.createDraft({
        definition: siblingSet("2024-chiem"),
        ownerUnitCode: SIBLING,
      }),
    ).rejects.toMatchObject(forbidden);
    // Its drafts are not even shown; the published version stays as it was.
    expect((await district.criteriaSet.list()).map((s) => s.id)).not.toContain(draft.id);
    const versions = (await (await as("quantri")).criteriaSet.list()).filter(
      (s) => s.setId === SIBLING_SET,
    );
    expect(versions.map((s) => [s.version, s.status]).sort()).toEqual([
      ["2022-thu", "published"],
      ["2023-thu", "draft"],
    ]);
  });

  it("cannot change the sibling's units, clusters or users", async () => {
    const district = await as("huyen.thoxuan");
    await expect(
      district.unit.setAttribute({
        code: SIBLING_COMMUNE,
        name: "group",
        value: "2",
        effectiveFrom: "2026-01-01",
        expected: null,
      }),
    ).rejects.toMatchObject(forbidden);
    await expect(
      district.unit.createCluster({
        ownerCode: "THANH-HOA",
        name: "Cụm chiếm",
        memberCodes: [SIBLING_COMMUNE],
      }),
    ).rejects.toMatchObject(forbidden);
    await expect(
      district.unit.createCluster({
        ownerCode: "THO-XUAN",
        name: "Cụm lấn",
        memberCodes: ["THO-XUAN.XUAN-MINH", SIBLING_COMMUNE],
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const user = { userId: siblingUser.id, expectedVersion: siblingUser.version };
    await expect(
      district.user.update({
        ...user,
        displayName: "Đổi tên",
        role: "commune_officer",
        scopeCode: "THO-XUAN.XUAN-MINH",
        department: null,
      }),
    ).rejects.toMatchObject(forbidden);
    await expect(district.user.setDisabled({ ...user, disabled: true })).rejects.toMatchObject(
      forbidden,
    );
    await expect(
      district.user.resetPassword({ ...user, newPassword: "mat-khau-chiem-quyen" }),
    ).rejects.toMatchObject(forbidden);
    expect((await district.user.list()).map((u) => u.id)).not.toContain(siblingUser.id);
  });

  it("cannot touch the sibling commune's plan, targets or evidence", async () => {
    const district = await as("huyen.thoxuan");
    await expect(
      district.planning.saveTask({
        unitCode: SIBLING_COMMUNE,
        setId: NTM,
        id: task.id,
        expectedRowVersion: task.rowVersion,
        criterionNumber: 15,
        title: "Sửa lấn",
        owner: "Ai đó",
        status: "done",
      }),
    ).rejects.toMatchObject(forbidden);
    await expect(
      district.planning.deleteTask({ id: task.id, expectedRowVersion: task.rowVersion }),
    ).rejects.toMatchObject(forbidden);
    await expect(
      district.planning.setTarget({
        unitCode: SIBLING_COMMUNE,
        year: 2026,
        metric: "thu_nhap",
        label: "Thu nhập",
        comparator: "gte",
        value: 60,
        unitOfMeasure: "triệu đồng",
        expectedRowVersion: null,
      }),
    ).rejects.toMatchObject(forbidden);
    await expect(district.report.deleteEvidence({ fileId })).rejects.toMatchObject(forbidden);
    const stored = await (await as("quantri")).planning.tasks({
      unitCode: SIBLING_COMMUNE,
      setId: NTM,
    });
    expect(stored.map((t) => [t.id, t.rowVersion])).toEqual([[task.id, task.rowVersion]]);
  });
});
