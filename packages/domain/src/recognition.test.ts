import { describe, expect, it } from "vitest";
import {
  appraisalProgress,
  decisionProblems,
  describeRoadmapStep,
  dossierCompleteness,
  isAppraiser,
  lifecycleStage,
  maintenanceRisk,
  recognitionInForce,
  recognitionStandingProblem,
} from "./recognition";

const NINETEEN = Array.from({ length: 19 }, (_, k) => k + 1);

describe("the recognition lifecycle's rules", () => {
  it("counts the dossier as the seeds do: 19/19 criteria, general dossier still missing", () => {
    const items = NINETEEN.map((n) => ({ criterionNumber: n, complete: true, documents: 1 }));
    const partial = dossierCompleteness(items, NINETEEN);
    expect(partial.text).toBe("Đã hoàn thiện hồ sơ 19/19 tiêu chí, còn thiếu hồ sơ chung của xã.");
    expect(partial.complete).toBe(false);
    const whole = dossierCompleteness(
      [...items, { criterionNumber: null, complete: true, documents: 2 }],
      NINETEEN,
    );
    expect(whole.complete).toBe(true);
    expect(whole.text).toBe("Đã hoàn thiện hồ sơ 19/19 tiêu chí và hồ sơ chung của xã.");
  });

  it("does not count an item declared complete without a document", () => {
    const c = dossierCompleteness([{ criterionNumber: 5, complete: true, documents: 0 }], NINETEEN);
    expect(c.criteriaComplete).toBe(0);
    expect(c.missing).toContain(5);
  });

  it("counts appraisals among the scope's appraisers: 8/17 sent, 5 visited", () => {
    const appraisers = Array.from({ length: 17 }, (_, k) => `Ngành ${k + 1}`);
    const appraisals = appraisers.slice(0, 8).map((department, k) => ({
      department,
      sentOn: "2018-05-01",
      visitedOn: k < 5 ? "2018-05-20" : null,
    }));
    expect(appraisalProgress(appraisals, appraisers).text).toBe(
      "Đã gửi hồ sơ đến 8/17 ngành để thẩm định, đã có 5 ngành về kiểm tra.",
    );
    expect(isAppraiser("Y te\u0302\u0301", ["Y tế"])).toBe(true);
    expect(isAppraiser("Công an", ["Y tế"])).toBe(false);
  });

  it("keeps recognition from its decision until a later revocation", () => {
    const decisions = [
      { kind: "recognition" as const, decidedOn: "2023-06-01", number: "1", level: "ntm" as const },
      { kind: "revocation" as const, decidedOn: "2024-06-01", number: "2", level: null },
    ];
    expect(recognitionInForce(decisions, "2023-05-31")).toBeNull();
    expect(recognitionInForce(decisions, "2023-12-31")?.number).toBe("1");
    expect(recognitionInForce(decisions, "2024-06-01")).toBeNull();
  });

  it("refuses a decision without number or date, and a recognition the standing does not support", () => {
    expect(decisionProblems({ number: " ", decidedOn: "", signer: "A" })).toEqual([
      "Quyết định phải có số quyết định.",
      "Quyết định phải có ngày ký.",
    ]);
    expect(
      recognitionStandingProblem(
        { period: "2023-04", status: "not_met", criteriaMet: 17, criteriaTotal: 19 },
        "2023-05-19",
      ),
    ).toMatch(/^Ngày 19\/05\/2023 đơn vị mới đạt 17\/19 tiêu chí/u);
    expect(
      recognitionStandingProblem(
        { period: "2023-04", status: "met", criteriaMet: 19, criteriaTotal: 19 },
        "2023-05-19",
      ),
    ).toBeNull();
  });

  it("flags a recognised unit whose standing slipped, naming the indicators", () => {
    const risk = maintenanceRisk({
      status: "not_met",
      criteria: [
        { number: 1, status: "met", indicators: [{ code: "1.1", status: "met" }] },
        {
          number: 15,
          status: "not_met",
          indicators: [
            { code: "15.1", status: "not_met" },
            { code: "15.2", status: "met" },
          ],
        },
      ],
    });
    expect(risk).toEqual({
      slippedCriteria: [15],
      slipped: [{ criterion: 15, code: "15.1", status: "not_met" }],
    });
    expect(maintenanceRisk({ status: "met", criteria: [] })).toBeNull();
  });

  it("places a unit in its stage", () => {
    const dossier = { criteriaComplete: 0, generalComplete: false, complete: false };
    const base = {
      registered: true,
      dossier,
      appraisalsSent: 0,
      decisions: [],
      asOf: "2024-01-01",
      standingStatus: null,
    };
    expect(lifecycleStage(base)).toBe("registered");
    expect(lifecycleStage({ ...base, appraisalsSent: 3 })).toBe("in_appraisal");
    const decided = [
      { kind: "recognition" as const, decidedOn: "2023-12-01", number: "1", level: "ntm" as const },
    ];
    expect(lifecycleStage({ ...base, decisions: decided, standingStatus: "met" })).toBe(
      "recognised",
    );
    expect(lifecycleStage({ ...base, decisions: decided, standingStatus: "not_met" })).toBe(
      "at_risk",
    );
    expect(
      describeRoadmapStep({ year: 2024, quarter: 2, criterionNumbers: [5, 2] }, new Set([2])).text,
    ).toBe("Hoàn thành 2 tiêu chí trong quý II/2024 (tiêu chí số 2, 5): đã đạt 1/2.");
  });
});
