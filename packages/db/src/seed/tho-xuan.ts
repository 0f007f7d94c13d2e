import { foldForSearch, type Unit } from "@datchuan/domain";

/**
 * Demo data: Thọ Xuân district (Thanh Hóa) with the 22 communes named in its May 2023 review
 * (seed article 000): 12 reviewed against the NTM set, 10 against NTM nâng cao. The communes are
 * real names; the villages ("Thôn 1", "Thôn 2", …) and their numbers are made up.
 */
export const THO_XUAN_NTM_COMMUNES = [
  "Xuân Minh",
  "Xuân Tín",
  "Trường Xuân",
  "Xuân Lập",
  "Xuân Hồng",
  "Xuân Phú",
  "Thọ Diên",
  "Phú Xuân",
  "Xuân Hưng",
  "Xuân Phong",
  "Quảng Phú",
  "Thuận Minh",
] as const;

export const THO_XUAN_NANG_CAO_COMMUNES = [
  "Xuân Hòa",
  "Bắc Lương",
  "Tây Hồ",
  "Thọ Lập",
  "Xuân Trường",
  "Thọ Xương",
  "Xuân Bái",
  "Thọ Hải",
  "Xuân Giang",
  "Thọ Lâm",
] as const;

/** A commune's code part from its name: "Xuân Minh" → "XUAN-MINH". */
export function codeOf(name: string): string {
  return foldForSearch(name).toUpperCase().replace(/ /gu, "-");
}

/** Made-up village counts between 4 and 9, fixed so the demo is the same on every machine. */
function villageCount(index: number): number {
  return 4 + ((index * 7 + 3) % 6);
}

export function thoXuanDemoUnits(): Unit[] {
  const province: Unit = {
    code: "THANH-HOA",
    name: "Thanh Hóa",
    level: "province",
    type: "tinh",
    parentCode: null,
  };
  const district: Unit = {
    code: "THO-XUAN",
    name: "Thọ Xuân",
    level: "district",
    type: "huyen",
    parentCode: province.code,
  };
  const units: Unit[] = [province, district];
  const communes = [...THO_XUAN_NTM_COMMUNES, ...THO_XUAN_NANG_CAO_COMMUNES];
  for (const [index, name] of communes.entries()) {
    const commune: Unit = {
      code: `${district.code}.${codeOf(name)}`,
      name,
      level: "commune",
      type: "xa",
      parentCode: district.code,
    };
    units.push(commune);
    for (let village = 1; village <= villageCount(index); village++) {
      units.push({
        code: `${commune.code}.THON-${village}`,
        name: `Thôn ${village}`,
        level: "village",
        type: "thon",
        parentCode: commune.code,
      });
    }
  }
  return units;
}
