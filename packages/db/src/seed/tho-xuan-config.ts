import type { Executor } from "../database";
import { insertDepartmentAssignments } from "../queries/criteria-sets";
import { insertAppraisingDepartments } from "../queries/recognition";
import { insertUnitAttribute } from "../queries/unit-attributes";
import { getUnitRef, listUnits } from "../queries/units";
import { reportingSchedule } from "../schema";

/**
 * Demo configuration of Thọ Xuân: its communes' region, which district office owns which NTM
 * criterion (modelled on the offices named in the May 2023 review, assigned here for the demo),
 * and the monthly reporting due on the 25th.
 */
const DEPARTMENTS: Record<number, string> = {
  1: "Kinh tế - Hạ tầng",
  2: "Kinh tế - Hạ tầng",
  3: "Nông nghiệp và PTNT",
  4: "Kinh tế - Hạ tầng",
  5: "Giáo dục và Đào tạo",
  6: "Văn hóa - Thông tin",
  7: "Kinh tế - Hạ tầng",
  8: "Văn hóa - Thông tin",
  9: "Kinh tế - Hạ tầng",
  10: "Tài chính - Kế hoạch",
  11: "Lao động - Thương binh và Xã hội",
  12: "Lao động - Thương binh và Xã hội",
  13: "Nông nghiệp và PTNT",
  14: "Giáo dục và Đào tạo",
  15: "Y tế",
  16: "Văn hóa - Thông tin",
  17: "Tài nguyên - Môi trường",
  18: "Văn phòng HĐND - UBND",
  19: "Công an",
};

export async function insertThoXuanConfiguration(db: Executor): Promise<void> {
  const district = await getUnitRef(db, "THO-XUAN");
  if (!district) throw new Error("Demo district THO-XUAN missing");
  await insertDepartmentAssignments(
    db,
    Object.entries(DEPARTMENTS).map(([criterion, department]) => ({
      ownerUnitId: district.id,
      setId: "ntm-xa-2021-2025",
      criterionNumber: Number(criterion),
      department,
    })),
  );
  // The same offices appraise recognition dossiers of the district's communes (made up).
  await insertAppraisingDepartments(
    db,
    [...new Set(Object.values(DEPARTMENTS))].map((department) => ({
      ownerUnitId: district.id,
      department,
    })),
  );
  // Thanh Hóa lies in the North Central region (Bắc Trung Bộ) of QĐ 318's seven regions.
  for (const commune of await listUnits(db, { levels: ["commune"] })) {
    const ref = await getUnitRef(db, commune.code);
    await insertUnitAttribute(db, {
      unitId: ref!.id,
      name: "region",
      value: "BTB",
      effectiveFrom: "2022-03-08",
    });
  }
  await db
    .insert(reportingSchedule)
    .values({ setId: "ntm-xa-2021-2025", frequency: "month", dueDay: 25 })
    .onConflictDoNothing();
}
