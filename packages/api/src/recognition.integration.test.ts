import { DEMO_PASSWORD } from "@datchuan/db";
import { type IndicatorValue, vietnamDate } from "@datchuan/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { testApp, testDatabases, useTestDatabase } from "./testing";

/**
 * The recognition lifecycle through the API on the light demo: roadmap, dossier with a
 * document, appraisal by the scope's appraising departments, the decision (refused without its
 * fields or against the standing, kept with a reason), maintenance and revocation; who may do
 * what; and what the public reads of it.
 */

const SET = "xa-cong-nhan-thu";
const provenance = { source: "dữ liệu thử", verified: false };
/** Two criteria of one yes/no indicator each. Test data. */
const testSet = {
  id: SET,
  version: "2022-01-01",
  title: "Bộ tiêu chí công nhận (thử)",
  level: "commune",
  effective: { from: "2022-01-01", to: "2030-12-31" },
  legalBasis: [{ source: "Quyết định thử" }],
  groups: [{ id: "I", name: "Thử" }],
  criteria: ["1.1", "2.1"].map((code, k) => ({
    number: k + 1,
    name: ["Quy hoạch", "Y tế"][k]!,
    group: "I",
    provenance,
    indicators: [
      {
        code,
        name: `Chỉ tiêu ${code}`,
        unitOfMeasure: "",
        kind: "boolean",
        thresholds: [{ value: true, provenance }],
        provenance,
      },
    ],
  })),
};
const MINH = "THO-XUAN.XUAN-MINH";
const TIN = "THO-XUAN.XUAN-TIN";
const VILLAGE = "THO-XUAN.XUAN-MINH.THON-1";
/** The real clock: what is recorded now (registration, dossier) is dated today. */
const NOW = new Date();
const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

describe.each(await testDatabases())("on $name", (database) => {
  const env = useTestDatabase(database);
  const as = (username: string | null) => env.as(username, { now: () => NOW });
  let app: ReturnType<typeof testApp>;
  const cookies: Record<string, string> = {};

  async function file(unitCode: string, period: string, figures: [boolean, boolean]) {
    const admin = await as("quantri");
    const key = { unitCode, setId: SET, period };
    for (const [k, code] of ["1.1", "2.1"].entries()) {
      const value: IndicatorValue = { kind: "boolean", period, value: figures[k]! };
      await admin.report.saveValue({
        ...key,
        indicatorCode: code,
        value,
        expectedRowVersion: null,
      });
    }
    const draft = (await admin.report.get(key))!;
    await admin.report.submit({ ...key, expectedRowVersion: draft.report.rowVersion });
    for (const value of (await admin.report.get(key))!.values)
      await admin.report.review({
        valueId: value.id,
        decision: "accepted",
        expectedRowVersion: value.rowVersion,
      });
  }

  beforeAll(async () => {
    app = testApp(env.handle, { appsDir: "/nonexistent", now: () => NOW });
    for (const username of ["xa.xuanminh", "thon1.xuanminh", "huyen.thoxuan"]) {
      const response = await app.request("/trpc/auth.signIn", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      cookies[username] = response.headers.get("set-cookie")!.split(";")[0]!;
    }
    const admin = await as("quantri");
    const draft = await admin.criteriaSet.createDraft({ definition: testSet, ownerUnitCode: null });
    await admin.criteriaSet.publish({ id: draft.id, expectedRowVersion: draft.rowVersion });
    const district = await as("huyen.thoxuan");
    for (const unitCode of [MINH, TIN])
      await district.planning.register({
        unitCode,
        setId: SET,
        targetYear: 2024,
        note: null,
        expectedRowVersion: null,
      });
  });

  it("lets the commune officer keep the roadmap and the dossier, not the village officer", async () => {
    const officer = await as("xa.xuanminh");
    const step = await officer.recognition.saveRoadmapStep({
      unitCode: MINH,
      setId: SET,
      year: 2024,
      quarter: 2,
      criterionNumbers: [2, 1],
      note: null,
    });
    expect(step.criterionNumbers).toEqual([1, 2]);
    // A stale version is a conflict, not an overwrite.
    await officer.recognition.saveRoadmapStep({
      unitCode: MINH,
      setId: SET,
      id: step.id,
      expectedRowVersion: step.rowVersion,
      year: 2024,
      quarter: 3,
      criterionNumbers: [1, 2],
      note: "Lùi một quý",
    });
    await expect(
      officer.recognition.saveRoadmapStep({
        unitCode: MINH,
        setId: SET,
        id: step.id,
        expectedRowVersion: step.rowVersion,
        year: 2024,
        quarter: 4,
        criterionNumbers: [1],
        note: null,
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      officer.recognition.saveRoadmapStep({
        unitCode: MINH,
        setId: SET,
        year: 2024,
        quarter: 2,
        criterionNumbers: [7],
        note: null,
      }),
    ).rejects.toThrow(/không có tiêu chí số 7/u);
    await expect(
      (await as("thon1.xuanminh")).recognition.saveDossierItem({
        unitCode: MINH,
        setId: SET,
        criterionNumber: 1,
        complete: true,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });

    for (const criterionNumber of [1, 2, null]) {
      const item = await officer.recognition.saveDossierItem({
        unitCode: MINH,
        setId: SET,
        criterionNumber,
        complete: true,
      });
      if (criterionNumber === null) continue;
      const form = new FormData();
      form.append(
        "file",
        new Blob([pdf], { type: "application/pdf" }),
        `ho-so-tieu-chi-${criterionNumber}.pdf`,
      );
      const response = await app.request(`/files/dossier/${item.id}`, {
        method: "POST",
        body: form,
        headers: { cookie: cookies["xa.xuanminh"]! },
      });
      expect(response.status).toBe(201);
    }
    const forbidden = new FormData();
    forbidden.append("file", new Blob([pdf], { type: "application/pdf" }), "x.pdf");
    const lifecycle = await officer.recognition.lifecycle({ unitCode: MINH, setId: SET });
    const general = lifecycle.internal!.dossier.find((d) => d.criterionNumber === null)!;
    const refused = await app.request(`/files/dossier/${general.id}`, {
      method: "POST",
      body: forbidden,
      headers: { cookie: cookies["thon1.xuanminh"]! },
    });
    expect(refused.status).toBe(403);
    // A body that is not a form is the sender's mistake, said as such (it was a 500).
    const garbled = await app.request(`/files/dossier/${general.id}`, {
      method: "POST",
      body: "not a form",
      headers: {
        cookie: cookies["xa.xuanminh"]!,
        "content-type": "multipart/form-data; boundary=nothing",
      },
    });
    expect(garbled.status).toBe(400);
    expect(await garbled.json()).toEqual({
      error: { message: "Không đọc được tệp gửi lên; hãy chọn lại tệp rồi gửi." },
    });
    // The general dossier is declared complete but holds no document: not counted yet.
    expect(lifecycle.internal!.completeness.text).toBe(
      "Đã hoàn thiện hồ sơ 2/2 tiêu chí, còn thiếu hồ sơ chung của xã.",
    );
    expect(lifecycle.stage).toBe("preparing_dossier");
  });

  it("sends the dossier only to appraising departments, and takes a department's opinion from it", async () => {
    const district = await as("huyen.thoxuan");
    await expect(
      district.recognition.sendToAppraisal({
        unitCode: MINH,
        setId: SET,
        departments: ["Y tế", "Ngân hàng Chính sách"],
        sentOn: "2024-10-01",
      }),
    ).rejects.toThrow(/"Ngân hàng Chính sách" không phải ngành thẩm định của địa bàn này/u);
    await expect(
      (await as("xa.xuanminh")).recognition.sendToAppraisal({
        unitCode: MINH,
        setId: SET,
        departments: ["Y tế"],
        sentOn: "2024-10-01",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const sent = await district.recognition.sendToAppraisal({
      unitCode: MINH,
      setId: SET,
      departments: ["Y tế", "Công an"],
      sentOn: "2024-10-01",
    });
    expect(sent).toHaveLength(2);

    const health = await as("yte.thoxuan");
    const yte = sent.find((a) => a.department === "Y tế")!;
    const recorded = await health.recognition.recordAppraisal({
      unitCode: MINH,
      setId: SET,
      department: "Y tế",
      visitedOn: "2024-10-15",
      opinion: "Đạt tiêu chí y tế",
      agrees: true,
      expectedRowVersion: yte.rowVersion,
    });
    expect(recorded.visitedOn).toBe("2024-10-15");
    const police = sent.find((a) => a.department === "Công an")!;
    await expect(
      health.recognition.recordAppraisal({
        unitCode: MINH,
        setId: SET,
        department: "Công an",
        visitedOn: "2024-10-15",
        opinion: "x",
        agrees: true,
        expectedRowVersion: police.rowVersion,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      district.recognition.recordAppraisal({
        unitCode: MINH,
        setId: SET,
        department: "Ngân hàng Chính sách",
        visitedOn: "2024-10-15",
        opinion: "x",
        agrees: true,
        expectedRowVersion: 1,
      }),
    ).rejects.toThrow(/không phải ngành thẩm định/u);
    const lifecycle = await district.recognition.lifecycle({ unitCode: MINH, setId: SET });
    const total = lifecycle.internal!.appraisers.length;
    expect(lifecycle.internal!.appraisalProgress.text).toBe(
      `Đã gửi hồ sơ đến 2/${total} ngành để thẩm định, đã có 1 ngành về kiểm tra.`,
    );
    expect(lifecycle.stage).toBe("in_appraisal");
  });

  it("refuses a decision without number or date, and one the standing does not support unless a reason is given", async () => {
    const district = await as("huyen.thoxuan");
    await file(MINH, "2024", [true, true]);
    await file(TIN, "2024", [true, false]);
    await expect(
      district.recognition.recordDecision({
        unitCode: MINH,
        setId: SET,
        level: "ntm",
        number: "",
        decidedOn: "",
        signer: "Chủ tịch UBND tỉnh",
      }),
    ).rejects.toThrow("Quyết định phải có số quyết định. Quyết định phải có ngày ký.");
    await expect(
      district.recognition.recordDecision({
        unitCode: TIN,
        setId: SET,
        level: "ntm",
        number: "12/QĐ-UBND",
        decidedOn: "2025-01-10",
        signer: "Chủ tịch UBND tỉnh",
      }),
    ).rejects.toThrow(/Ngày 10\/01\/2025 đơn vị mới đạt 1\/2 tiêu chí \(kỳ 2024\)/u);
    const overridden = await district.recognition.recordDecision({
      unitCode: TIN,
      setId: SET,
      level: "ntm",
      number: "12/QĐ-UBND",
      decidedOn: "2025-01-10",
      signer: "Chủ tịch UBND tỉnh",
      overrideReason: "Quyết định của tỉnh đã ban hành; tiêu chí 2 được thẩm định lại đạt",
    });
    expect(overridden.standing).toMatchObject({
      period: "2024",
      status: "not_met",
      criteriaMet: 1,
      criteriaTotal: 2,
    });
    expect(overridden.overrideReason).toMatch(/thẩm định lại/u);

    const decided = await district.recognition.recordDecision({
      unitCode: MINH,
      setId: SET,
      level: "ntm",
      number: "11/QĐ-UBND",
      decidedOn: "2025-01-10",
      signer: "Chủ tịch UBND tỉnh",
    });
    expect(decided.standing).toMatchObject({ status: "met", criteriaMet: 2 });
    expect(decided.overrideReason).toBeNull();
    await expect(
      district.recognition.recordDecision({
        unitCode: MINH,
        setId: SET,
        level: "ntm",
        number: "13/QĐ-UBND",
        decidedOn: "2025-02-01",
        signer: "Chủ tịch UBND tỉnh",
      }),
    ).rejects.toThrow(/đã được công nhận theo quyết định số 11\/QĐ-UBND/u);
  });

  it("refuses the lifecycle to a district admin of another district", async () => {
    const admin = await as("quantri");
    await admin.unit.create({
      code: "THANH-HOA.HUYEN-KHAC",
      name: "Huyện khác (thử)",
      type: "huyen",
      level: "district",
      parentCode: "THANH-HOA",
      validFrom: "2024-01-01",
    });
    await admin.user.create({
      username: "huyen.khac",
      displayName: "Cán bộ huyện khác",
      password: DEMO_PASSWORD,
      role: "admin",
      scopeCode: "THANH-HOA.HUYEN-KHAC",
      department: null,
    });
    const other = await as("huyen.khac");
    await expect(other.recognition.lifecycle({ unitCode: MINH, setId: SET })).rejects.toMatchObject(
      { code: "FORBIDDEN" },
    );
    await expect(
      other.recognition.recordDecision({
        unitCode: MINH,
        setId: SET,
        level: "ntm",
        number: "1/QĐ",
        decidedOn: "2025-01-10",
        signer: "X",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      other.recognition.saveDossierItem({
        unitCode: MINH,
        setId: SET,
        criterionNumber: 1,
        complete: false,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("flags a recognised commune whose standing slipped, then records its revocation", async () => {
    await file(MINH, "2025", [true, false]);
    const reader = await as(null);
    const standing = await reader.review.standing({
      unitCode: "THO-XUAN",
      setId: SET,
      asOf: "2025-12-31",
    });
    expect(standing.revocation.recognised).toBe(2);
    const minh = standing.revocation.atRisk.find((a) => a.unit === MINH)!;
    expect(minh.decision.number).toBe("11/QĐ-UBND");
    expect(minh.risk).toEqual({
      slippedCriteria: [2],
      slipped: [{ criterion: 2, code: "2.1", status: "not_met" }],
    });

    const district = await as("huyen.thoxuan");
    const before = await district.recognition.lifecycle({ unitCode: MINH, setId: SET });
    expect(before.stage).toBe("at_risk");
    expect(before.atRisk?.slipped.map((s) => s.code)).toEqual(["2.1"]);
    await expect(
      district.recognition.recordRevocation({
        unitCode: MINH,
        setId: SET,
        number: "20/QĐ-UBND",
        decidedOn: "2026-03-01",
        signer: "Chủ tịch UBND tỉnh",
      }),
    ).rejects.toThrow("Ghi căn cứ thu hồi quyết định công nhận.");
    await district.recognition.recordRevocation({
      unitCode: MINH,
      setId: SET,
      number: "20/QĐ-UBND",
      decidedOn: "2026-03-01",
      signer: "Chủ tịch UBND tỉnh",
      reason: "Không duy trì tiêu chí số 2",
    });
    const after = await district.recognition.lifecycle({ unitCode: MINH, setId: SET });
    expect(after.stage).toBe("revoked");
    const kinds = new Set(after.timeline.map((e) => e.kind));
    for (const kind of [
      "registration",
      "roadmap",
      "dossier",
      "appraisal_sent",
      "appraisal_visit",
      "recognition",
      "revocation",
    ])
      expect(kinds.has(kind as never), kind).toBe(true);
    const dates = after.timeline.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    // Registration and dossier are dated when recorded (today); decisions on their dates.
    expect(
      after.timeline.filter((e) => e.kind === "recognition" || e.kind === "revocation"),
    ).toEqual([
      expect.objectContaining({ kind: "recognition", date: "2025-01-10" }),
      expect.objectContaining({ kind: "revocation", date: "2026-03-01" }),
    ]);
    const later = await reader.review.standing({
      unitCode: "THO-XUAN",
      setId: SET,
      asOf: "2026-06-30",
    });
    expect(later.revocation.recognised).toBe(1);
  });

  it("publishes decisions and stages, never reasons, opinions or document names", async () => {
    const district = await as("huyen.thoxuan");
    // The light demo holds no NTM report: the province's decision is kept with why.
    await district.recognition.recordDecision({
      unitCode: MINH,
      setId: "ntm-xa-2021-2025",
      level: "ntm",
      number: "30/QĐ-UBND (thử)",
      decidedOn: "2023-06-01",
      signer: "Chủ tịch UBND tỉnh",
      overrideReason: "LY-DO-NOI-BO",
    });
    const response = await app.request(
      `/data/v1/units/${MINH}/scorecard.json?date=${vietnamDate(NOW)}`,
    );
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toMatch(/ho-so-tieu-chi|Đạt tiêu chí y tế|Lùi một quý|LY-DO-NOI-BO/u);
    const body = JSON.parse(text) as {
      sets: Array<{
        setId: string;
        recognisedIn: string | null;
        lifecycle: {
          stage: string;
          decisions: Array<{ number: string; overridden: boolean }>;
          atRisk: { slipped: Array<{ code: string }> } | null;
          timeline: Array<{ kind: string }>;
        };
      }>;
    };
    const ntm = body.sets.find((s) => s.setId === "ntm-xa-2021-2025")!;
    expect(ntm.lifecycle.decisions).toEqual([
      expect.objectContaining({ number: "30/QĐ-UBND (thử)", overridden: true }),
    ]);
    expect(ntm.recognisedIn).toBe("2023-06-01");
    expect(ntm.lifecycle.stage).toBe("recognised");
    expect(ntm.lifecycle.atRisk).toBeNull();
    expect(ntm.lifecycle.timeline.map((e) => e.kind)).toEqual(["recognition"]);
  });

  it("follows the same lifecycle for a village (thôn kiểu mẫu)", async () => {
    const officer = await as("xa.xuanminh");
    const item = await officer.recognition.saveDossierItem({
      unitCode: VILLAGE,
      setId: SET,
      criterionNumber: null,
      complete: false,
      note: "Đang lập",
    });
    expect(item.criterionNumber).toBeNull();
    const district = await as("huyen.thoxuan");
    await expect(
      district.recognition.recordDecision({
        unitCode: VILLAGE,
        setId: SET,
        level: "kieu_mau",
        number: "5/QĐ-UBND",
        decidedOn: "2025-05-01",
        signer: "Chủ tịch UBND huyện",
      }),
    ).rejects.toThrow(/chưa có kết quả đánh giá nào đến ngày 01\/05\/2025/u);
    const decided = await district.recognition.recordDecision({
      unitCode: VILLAGE,
      setId: SET,
      level: "kieu_mau",
      number: "5/QĐ-UBND",
      decidedOn: "2025-05-01",
      signer: "Chủ tịch UBND huyện",
      overrideReason: "Thôn được huyện công nhận trước khi có số liệu trên hệ thống",
    });
    expect(decided.standing).toBeNull();
    const lifecycle = await district.recognition.lifecycle({ unitCode: VILLAGE, setId: SET });
    expect(lifecycle.stage).toBe("recognised");
    expect(lifecycle.decisions[0]).toMatchObject({ number: "5/QĐ-UBND", overridden: true });
    await expect(
      district.recognition.lifecycle({ unitCode: "THO-XUAN", setId: SET }),
    ).rejects.toThrow(/chỉ lập cho xã hoặc thôn/u);
  });
});
