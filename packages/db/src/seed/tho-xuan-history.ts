import { addDays, periodValidUntil } from "@datchuan/domain";
import type { Executor } from "../database";
import { findUserForSignIn } from "../queries/access";
import { recordAudit } from "../queries/audit";
import { insertDraftSet, publishDraftSet } from "../queries/criteria-sets";
import { insertDecision, listFirstMetSignedVerdicts } from "../queries/recognition";
import { insertUnitAttribute } from "../queries/unit-attributes";
import {
  closeUnit,
  insertSuccessions,
  insertUnit,
  listChildIds,
  lockUnitTree,
  moveUnit,
} from "../queries/unit-history";
import { getUnitById, getUnitRef } from "../queries/units";
import { insertAcceptedReport, type SeedJudgingCache, seedJudgingSet } from "./accepted-report";
import { thanhHoaAdaptations } from "./thanh-hoa-adaptations";
import { insertThanhHoaVillageSets } from "./thanh-hoa-villages";
import { codeOf, THO_XUAN_NANG_CAO_COMMUNES, THO_XUAN_NTM_COMMUNES } from "./tho-xuan";
import {
  DEMO_MERGERS,
  DEMO_PERIODS,
  failingIn,
  MERGED_PERIOD,
  MERGER_DATE,
  MERGER_DECISION,
  NANG_CAO_REVIEW_PLAN,
  NTM_REVIEW_PLAN,
  WEAKEST_NTM,
} from "./tho-xuan-review";
import { valuesForPlan } from "./tho-xuan-values";

const NTM_SET = "ntm-xa-2021-2025";
const NANG_CAO_SET = "ntm-nang-cao-xa-2021-2025";
const EVIDENCE_NOTE = "Số liệu minh họa (demo), theo kế hoạch tái hiện rà soát ngày 19/05/2023";

/** Made up: every commune counts three schools or fewer, so indicator 5 asks 50 % (QĐ 318). */
const SCHOOLS = "3_or_fewer";

/**
 * The demo's full history (the `"full"` demo seed): Thanh Hóa's illustrative adaptations and
 * village sets (thanh-hoa-villages.ts), the 22 communes' accepted monthly reports from December
 * 2022 to June 2025 whose April 2023 verdicts reproduce the district review of 19/05/2023 (see
 * tho-xuan-review.ts), and the made-up mergers of 1 July 2025 with their successors' December
 * 2025 reports.
 */
export async function insertThoXuanHistory(db: Executor): Promise<void> {
  const province = await getUnitRef(db, "THANH-HOA");
  if (!province) throw new Error("Demo province THANH-HOA missing");
  const district = await findUserForSignIn(db, "huyen.thoxuan");
  if (!district) throw new Error("Demo user huyen.thoxuan missing");
  for (const definition of thanhHoaAdaptations()) {
    const draft = await insertDraftSet(db, { definition, ownerUnitId: province.id });
    const published = await publishDraftSet(db, {
      id: draft.id,
      expectedRowVersion: draft.rowVersion,
    });
    await recordAudit(db, {
      actorUserId: null,
      action: "criteria_set.publish",
      entity: "criteria_set",
      entityId: draft.id,
      unitPath: province.path,
      before: null,
      after: { setId: definition.id, version: definition.version, status: published?.status },
    });
  }
  await insertThanhHoaVillageSets(db);
  const cache: SeedJudgingCache = { compiled: new Map() };
  const people = { officerId: district.id, reviewerId: district.id };

  const fileReports = async (
    code: string,
    setId: string,
    plans: ReadonlyArray<{ period: string; failing: readonly string[] }>,
    spread: number,
  ) => {
    const ref = (await getUnitRef(db, code))!;
    const unit = (await getUnitById(db, ref.id))!;
    for (const { period, failing } of plans) {
      const asOf = periodValidUntil(period);
      const judging = await seedJudgingSet(db, { setId, unitPath: unit.path, asOf }, cache);
      const values = valuesForPlan(judging.compiled, {
        attributes: { region: "BTB", schools: SCHOOLS },
        period,
        failing,
        spread,
      });
      await insertAcceptedReport(db, {
        unit,
        setId,
        period,
        values,
        judging,
        evidenceNote: EVIDENCE_NOTE,
        ...people,
      });
    }
  };

  const communeCode = (name: string) => `THO-XUAN.${codeOf(name)}`;
  for (const [index, name] of THO_XUAN_NTM_COMMUNES.entries()) {
    const ref = (await getUnitRef(db, communeCode(name)))!;
    await insertUnitAttribute(db, {
      unitId: ref.id,
      name: "schools",
      value: SCHOOLS,
      effectiveFrom: "2022-03-08",
    });
    const weakest = WEAKEST_NTM.includes(name);
    const plans = DEMO_PERIODS.map((period) => ({
      period,
      failing: failingIn(NTM_REVIEW_PLAN[name], period, "ntm", weakest),
    }));
    await fileReports(communeCode(name), NTM_SET, plans, index);
  }
  for (const [index, name] of THO_XUAN_NANG_CAO_COMMUNES.entries()) {
    const plans = DEMO_PERIODS.map((period) => ({
      period,
      failing: failingIn(NANG_CAO_REVIEW_PLAN[name], period, "nang-cao", false),
    }));
    await fileReports(communeCode(name), NANG_CAO_SET, plans, index);
  }

  await lockUnitTree(db);
  for (const [index, merger] of DEMO_MERGERS.entries()) {
    const successor = await insertUnit(db, {
      code: merger.code,
      name: merger.name,
      type: "xa",
      level: "commune",
      parent: province,
      validFrom: MERGER_DATE,
    });
    const predecessors = [];
    for (const name of merger.predecessors) {
      const predecessor = (await getUnitRef(db, communeCode(name)))!;
      predecessors.push(predecessor);
      for (const child of await listChildIds(db, predecessor.id))
        await moveUnit(db, { id: child.id, oldPath: child.path, newParent: successor });
      await closeUnit(db, { id: predecessor.id, validTo: addDays(MERGER_DATE, -1) });
    }
    await recordAudit(db, {
      actorUserId: null,
      action: "unit.merge",
      entity: "unit",
      entityId: successor.id,
      unitPath: province.path,
      before: { units: predecessors.map((p) => p.code) },
      after: { unit: successor.code, effectiveDate: MERGER_DATE, decision: MERGER_DECISION },
    });
    await insertSuccessions(
      db,
      predecessors.map((p) => ({
        predecessorId: p.id,
        successorId: successor.id,
        kind: "merge" as const,
        effectiveDate: MERGER_DATE,
        decision: MERGER_DECISION,
      })),
    );
    for (const [name, value] of [
      ["region", "BTB"],
      ["schools", SCHOOLS],
    ] as const)
      await insertUnitAttribute(db, {
        unitId: successor.id,
        name,
        value,
        effectiveFrom: MERGER_DATE,
      });
    await fileReports(
      merger.code,
      NTM_SET,
      [{ period: MERGED_PERIOD, failing: merger.failing }],
      index,
    );
  }
  await insertIllustrativeRecognitions(db);
}

/**
 * Recognition is a decision, not an inference: the demo records one (made up, "minh họa") for
 * each commune and set at the first accepted report whose signed verdict met the set, dated on
 * that verdict's date, so the demo's recognised communes are those its history met with.
 */
async function insertIllustrativeRecognitions(db: Executor): Promise<void> {
  for (const [setId, level] of [
    [NTM_SET, "ntm"],
    [NANG_CAO_SET, "nang_cao"],
  ] as const) {
    const firsts = await listFirstMetSignedVerdicts(db, setId);
    for (const [index, first] of firsts.entries()) {
      await insertDecision(db, {
        unitId: first.unitId,
        setId,
        kind: "recognition",
        level,
        number: `${index + 1}/QĐ-UBND (minh họa)`,
        decidedOn: first.asOf,
        signer: "Chủ tịch UBND tỉnh Thanh Hóa (minh họa)",
        standing: {
          period: first.period,
          status: "met",
          criteriaMet: first.criteriaMet,
          criteriaTotal: first.criteriaTotal,
          indicatorsMet: first.indicatorsMet,
          indicatorsTotal: first.indicatorsTotal,
          signed: true,
        },
        overrideReason: null,
        reason: null,
        illustrative: true,
        userId: null,
      });
    }
  }
}
