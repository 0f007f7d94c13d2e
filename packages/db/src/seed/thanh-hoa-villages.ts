import type { CriteriaSetInput, Provenance } from "@datchuan/domain";
import type { Executor } from "../database";
import { recordAudit } from "../queries/audit";
import { insertDraftSet, publishDraftSet } from "../queries/criteria-sets";
import { getUnitRef } from "../queries/units";
import { ILLUSTRATIVE_SOURCE } from "./thanh-hoa-adaptations";

/**
 * The demo's village level (thôn, bản). There is no national village set: each province issues
 * its own, and Thanh Hóa's (14 criteria, research notes §4) has no thresholds we could read. So
 * the demo carries a SHORTENED, ILLUSTRATIVE village set in the shape the provincial sets share
 * (roads, cultural house, income, poverty, environment, model gardens, security), every number
 * made up and marked "số liệu minh họa", never verified; and a commune-level set whose indicator
 * 1.1 is derived from the villages' values (share of villages with a cultural house), so a
 * village officer's figure moves the commune's verdict. Both are owned by THANH-HOA, hence judge
 * every village and commune of the province (Xuân Minh's seven villages among them).
 *
 * Tests use these definitions as their village fixture (publishing them where the light demo
 * lacks them) so the demo and the tests exercise one set.
 */

export const THANH_HOA_VILLAGE_SET_ID = "thanh-hoa-thon-ntm-minh-hoa";
export const THANH_HOA_VILLAGE_ROLLUP_SET_ID = "thanh-hoa-xa-thon-ntm-minh-hoa";
/** The village indicator the commune's share reads: the village has a cultural house. */
export const VILLAGE_CULTURAL_HOUSE = "2";
/** The commune indicator derived from it: share of villages with a cultural house. */
export const COMMUNE_VILLAGE_CULTURAL_HOUSE_SHARE = "1.1";
/** An entered commune indicator of the roll-up set (a report needs one to exist). */
export const COMMUNE_VILLAGE_PLAN = "2.1";

const EFFECTIVE_FROM = "2022-01-01";

function illustrative(what: string): Provenance {
  return {
    source: ILLUSTRATIVE_SOURCE,
    verified: false,
    note: `${what}: ngưỡng minh họa của dữ liệu demo, không phải số liệu của bộ tiêu chí thôn tỉnh Thanh Hóa.`,
  };
}

function criterionProvenance(): Provenance {
  return {
    source: ILLUSTRATIVE_SOURCE,
    verified: false,
    note: "Tiêu chí rút gọn minh họa theo cấu trúc chung của các bộ tiêu chí thôn cấp tỉnh (nghiên cứu §4); bộ thật của Thanh Hóa có 14 tiêu chí.",
  };
}

/** The illustrative village set: seven criteria of one indicator each. */
function villageSet(): CriteriaSetInput {
  const p = criterionProvenance();
  return {
    id: THANH_HOA_VILLAGE_SET_ID,
    version: "2022-minh-hoa",
    title: "Bộ tiêu chí thôn nông thôn mới của tỉnh Thanh Hóa (rút gọn, số liệu minh họa)",
    level: "village",
    effective: { from: EFFECTIVE_FROM },
    legalBasis: [{ source: ILLUSTRATIVE_SOURCE }],
    groups: [
      { id: "HT", name: "Hạ tầng" },
      { id: "KT", name: "Kinh tế" },
      { id: "VH", name: "Văn hóa - xã hội - môi trường" },
      { id: "AN", name: "An ninh, trật tự" },
    ],
    criteria: [
      {
        number: 1,
        name: "Giao thông thôn",
        group: "HT",
        provenance: p,
        indicators: [
          {
            code: "1",
            name: "Tỷ lệ đường thôn, ngõ xóm được cứng hóa",
            unitOfMeasure: "%",
            kind: "percentage",
            comparator: "gte",
            thresholds: [{ value: 80, provenance: illustrative("Chỉ tiêu 1") }],
            provenance: p,
          },
        ],
      },
      {
        number: 2,
        name: "Nhà văn hóa thôn",
        group: "HT",
        provenance: p,
        indicators: [
          {
            code: VILLAGE_CULTURAL_HOUSE,
            name: "Thôn có nhà văn hóa đạt chuẩn",
            unitOfMeasure: "",
            kind: "boolean",
            thresholds: [{ value: true, provenance: illustrative("Chỉ tiêu 2") }],
            provenance: p,
          },
        ],
      },
      {
        number: 3,
        name: "Thu nhập",
        group: "KT",
        provenance: p,
        indicators: [
          {
            code: "3",
            name: "Thu nhập bình quân đầu người",
            unitOfMeasure: "triệu đồng/người/năm",
            kind: "number",
            comparator: "gte",
            thresholds: [{ value: 50, provenance: illustrative("Chỉ tiêu 3") }],
            provenance: p,
          },
        ],
      },
      {
        number: 4,
        name: "Hộ nghèo",
        group: "KT",
        provenance: p,
        indicators: [
          {
            code: "4",
            name: "Tỷ lệ hộ nghèo đa chiều",
            unitOfMeasure: "%",
            kind: "percentage",
            comparator: "lte",
            thresholds: [{ value: 3, provenance: illustrative("Chỉ tiêu 4") }],
            provenance: p,
          },
        ],
      },
      {
        number: 5,
        name: "Môi trường",
        group: "VH",
        provenance: p,
        indicators: [
          {
            code: "5",
            name: "Tỷ lệ hộ phân loại chất thải rắn sinh hoạt tại nguồn",
            unitOfMeasure: "%",
            kind: "percentage",
            comparator: "gte",
            thresholds: [{ value: 50, provenance: illustrative("Chỉ tiêu 5") }],
            provenance: p,
          },
        ],
      },
      {
        number: 6,
        name: "Vườn mẫu",
        group: "KT",
        provenance: p,
        indicators: [
          {
            code: "6",
            name: "Số vườn đạt chuẩn vườn mẫu",
            unitOfMeasure: "vườn",
            kind: "count",
            comparator: "gte",
            thresholds: [{ value: 5, provenance: illustrative("Chỉ tiêu 6") }],
            provenance: p,
          },
        ],
      },
      {
        number: 7,
        name: "An ninh, trật tự",
        group: "AN",
        provenance: p,
        indicators: [
          {
            code: "7",
            name: "Thôn đạt tiêu chuẩn an toàn về an ninh, trật tự",
            unitOfMeasure: "",
            kind: "boolean",
            thresholds: [{ value: true, provenance: illustrative("Chỉ tiêu 7") }],
            provenance: p,
          },
        ],
      },
    ],
  };
}

/** The commune-level set that reads the villages: 1.1 is derived, 2.1 entered by the commune. */
function rollupSet(): CriteriaSetInput {
  const p = criterionProvenance();
  return {
    id: THANH_HOA_VILLAGE_ROLLUP_SET_ID,
    version: "2022-minh-hoa",
    title: "Thôn nông thôn mới trên địa bàn xã — tỉnh Thanh Hóa (số liệu minh họa)",
    level: "commune",
    effective: { from: EFFECTIVE_FROM },
    legalBasis: [{ source: ILLUSTRATIVE_SOURCE }],
    groups: [{ id: "TH", name: "Thôn trên địa bàn xã" }],
    criteria: [
      {
        number: 1,
        name: "Nhà văn hóa thôn",
        group: "TH",
        provenance: p,
        indicators: [
          {
            code: COMMUNE_VILLAGE_CULTURAL_HOUSE_SHARE,
            name: "Tỷ lệ thôn có nhà văn hóa đạt chuẩn",
            unitOfMeasure: "%",
            kind: "percentage",
            comparator: "gte",
            thresholds: [{ value: 70, provenance: illustrative("Chỉ tiêu 1.1") }],
            source: {
              kind: "children",
              indicator: VILLAGE_CULTURAL_HOUSE,
              aggregate: "share_true",
            },
            provenance: p,
          },
        ],
      },
      {
        number: 2,
        name: "Kế hoạch xây dựng thôn nông thôn mới",
        group: "TH",
        provenance: p,
        indicators: [
          {
            code: COMMUNE_VILLAGE_PLAN,
            name: "Xã có kế hoạch xây dựng thôn nông thôn mới được phê duyệt",
            unitOfMeasure: "",
            kind: "boolean",
            thresholds: [{ value: true, provenance: illustrative("Chỉ tiêu 2.1") }],
            provenance: p,
          },
        ],
      },
    ],
  };
}

/** The village set and the commune set deriving from it, as the demo stores them. */
export function thanhHoaVillageSets(): CriteriaSetInput[] {
  return [villageSet(), rollupSet()];
}

/** Publishes both sets, owned by THANH-HOA (part of the `"full"` demo). */
export async function insertThanhHoaVillageSets(db: Executor): Promise<void> {
  const province = await getUnitRef(db, "THANH-HOA");
  if (!province) throw new Error("Demo province THANH-HOA missing");
  for (const definition of thanhHoaVillageSets()) {
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
}
