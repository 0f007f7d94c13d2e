import { describe, expect, it } from "vitest";
import { compileCriteriaSet } from "../criteria/compile";
import { evaluate } from "../criteria/evaluate";
import type { CriteriaSet, Indicator } from "../criteria/model";
import { getOfficialCriteriaSet, officialCriteriaSets } from "./index";

const REGIONS = ["TDMNPB", "DBSH", "BTB", "DHNTB", "TN", "DNB", "DBSCL"] as const;

function set(id: string): CriteriaSet {
  const found = getOfficialCriteriaSet(id);
  if (!found) throw new Error(`missing set ${id}`);
  return found;
}

function indicator(setId: string, code: string): Indicator {
  for (const criterion of set(setId).criteria)
    for (const item of criterion.indicators) if (item.code === code) return item;
  throw new Error(`missing indicator ${setId} ${code}`);
}

type Rule = {
  when?: Record<string, string[]>;
  value?: unknown;
  provenance: { verified: boolean; note?: string };
};

/** The first rule that names this region, or else the first rule without conditions. */
function ruleFor(item: Indicator, region: string): Rule | undefined {
  const rules = item.thresholds as Rule[];
  return (
    rules.find((rule) => rule.when?.region?.includes(region) && !rule.when.schools) ??
    rules.find((rule) => rule.when === undefined)
  );
}

function indicatorCount(s: CriteriaSet): number {
  return s.criteria.reduce((sum, criterion) => sum + criterion.indicators.length, 0);
}

describe("official criteria sets", () => {
  it("ships four sets with unique ids, all parsed by the model", () => {
    expect(officialCriteriaSets.map((s) => s.id)).toEqual([
      "ntm-xa-2021-2025",
      "ntm-nang-cao-xa-2021-2025",
      "ntm-kieu-mau-xa-2021-2025",
      "ntm-xa-2026-2030",
    ]);
    expect(getOfficialCriteriaSet("khong-co")).toBeUndefined();
  });

  it.each([
    ["ntm-xa-2021-2025", 19, 57, 19, 57],
    ["ntm-nang-cao-xa-2021-2025", 19, 7, 19, null],
    ["ntm-kieu-mau-xa-2021-2025", 4, 4, 4, 4],
    ["ntm-xa-2026-2030", 10, 10, 10, 47],
  ])(
    "%s: %i criteria and %i indicators shipped; declared %i / %s",
    (id, criteria, indicators, declaredCriteria, declaredIndicators) => {
      const s = getOfficialCriteriaSet(id);
      expect(s?.criteria).toHaveLength(criteria);
      expect(indicatorCount(s as CriteriaSet)).toBe(indicators);
      expect(s?.official.declared).toEqual({
        criteria: declaredCriteria,
        indicators: declaredIndicators,
      });
      expect(s?.criteria.map((c) => c.number)).toEqual(
        Array.from({ length: criteria }, (_, k) => k + 1),
      );
    },
  );

  it("gives every criterion, indicator and threshold a source and a verified flag", () => {
    for (const s of officialCriteriaSets)
      for (const criterion of s.criteria) {
        expect(criterion.provenance.source).not.toBe("");
        for (const item of criterion.indicators) {
          expect(typeof item.provenance.verified).toBe("boolean");
          for (const rule of item.thresholds)
            expect(typeof rule.provenance.verified).toBe("boolean");
        }
      }
  });

  it("gives every indicator and every threshold a named source", () => {
    for (const s of officialCriteriaSets)
      for (const criterion of s.criteria)
        for (const item of criterion.indicators) {
          expect(item.provenance.source.trim()).not.toBe("");
          for (const rule of item.thresholds) expect(rule.provenance.source.trim()).not.toBe("");
        }
  });

  it("never calls an indicator or a threshold verified while its own note says something is unconfirmed", () => {
    for (const s of officialCriteriaSets)
      for (const criterion of s.criteria)
        for (const item of criterion.indicators)
          for (const provenance of [item.provenance, ...item.thresholds.map((r) => r.provenance)])
            if (provenance.verified)
              expect(provenance.note ?? "", `${s.id} ${item.code}`).not.toMatch(/chưa xác nhận/u);
  });

  it("never marks a threshold verified without a source address", () => {
    for (const s of officialCriteriaSets)
      for (const criterion of s.criteria)
        for (const item of criterion.indicators)
          for (const rule of item.thresholds)
            if (rule.provenance.verified && rule.value !== null)
              expect(rule.provenance.url).toBeDefined();
  });

  it("compiles every set: groups, dimensions and cross-set references hold", () => {
    const related = [compileCriteriaSet(set("ntm-nang-cao-xa-2021-2025"))];
    for (const s of officialCriteriaSets)
      expect(() => compileCriteriaSet(s, { related })).not.toThrow();
  });

  it("yields 'no threshold' for an indicator whose threshold is unknown", () => {
    const verdict = evaluate(
      set("ntm-xa-2021-2025"),
      { code: "XA-A", attributes: { region: "DBSH" } },
      { "2.2": { kind: "number", value: 90, period: "2024" } },
      "2024-12-31",
    );
    const road = verdict.criteria[1]?.indicators.find((i) => i.code === "2.2");
    expect(road?.status).toBe("no_threshold");
  });

  it("keeps the revocation critical criteria of QĐ 18/2022", () => {
    expect(set("ntm-xa-2021-2025").revocation?.criticalCriteria).toEqual([10, 17, 19]);
    expect(set("ntm-nang-cao-xa-2021-2025").revocation?.criticalCriteria).toEqual([10, 17, 18, 19]);
  });

  it("makes especially disadvantaged and safe-zone communes use the TDMNPB thresholds", () => {
    for (const id of [
      "ntm-xa-2021-2025",
      "ntm-nang-cao-xa-2021-2025",
      "ntm-kieu-mau-xa-2021-2025",
    ]) {
      expect(set(id).appliedDimensionRules).toEqual([
        expect.objectContaining({
          dimension: "region",
          when: { special_status: ["dbkk", "atk"] },
          value: "TDMNPB",
        }),
      ]);
    }
  });
});

describe("NTM 2021-2025 thresholds (QĐ 318, Phụ lục I)", () => {
  const id = "ntm-xa-2021-2025";

  it("3.1 irrigation ≥ 80 % in every region, verified", () => {
    const item = indicator(id, "3.1");
    expect(item).toMatchObject({ kind: "percentage", comparator: "gte" });
    for (const region of REGIONS)
      expect(ruleFor(item, region)).toMatchObject({ value: 80, provenance: { verified: true } });
  });

  it("5 schools: 100 % at CSVC level 1 in DBSH and DNB, verified; 70 % / 50 % elsewhere by school count, unverified while the 100 % minimum is not modelled", () => {
    const rules = indicator(id, "5").thresholds as Rule[];
    expect(rules.map((rule) => [rule.when, rule.value, rule.provenance.verified])).toEqual([
      [{ region: ["DBSH", "DNB"] }, 100, true],
      [{ region: ["TDMNPB", "BTB", "DHNTB", "TN", "DBSCL"], schools: ["more_than_3"] }, 70, false],
      [{ region: ["TDMNPB", "BTB", "DHNTB", "TN", "DBSCL"], schools: ["3_or_fewer"] }, 50, false],
    ]);
    for (const rule of rules.slice(1)) {
      expect(rule.provenance.note).toContain("100 % trường phải đạt tiêu chuẩn CSVC tối thiểu");
      expect(rule.provenance.note).toContain("chưa được biểu diễn");
    }
  });

  it("14.1 universal education at level 2 in every region, unverified while the 98 % and mầm non conditions are not modelled", () => {
    expect(indicator(id, "14.1")).toMatchObject({
      kind: "level",
      comparator: "gte",
      thresholds: [{ value: "muc-2", provenance: { verified: false } }],
    });
    const note = (indicator(id, "14.1").thresholds[0] as Rule).provenance.note;
    expect(note).toContain("trẻ 6 tuổi vào lớp 1 ≥ 98 %");
    expect(note).toContain("PCGD mầm non 5 tuổi");
    expect(note).toContain("chưa được biểu diễn");
  });

  it("15.3 stunting caps are ≤ per region, unverified and flagged for checking", () => {
    const item = indicator(id, "15.3");
    expect(item).toMatchObject({ comparator: "lte", provenance: { verified: false } });
    expect(item.provenance.note).toContain("dấu so sánh '≤' chưa xác nhận");
    const caps = { TDMNPB: 24, DBSH: 16.5, BTB: 25, DHNTB: 22, TN: 26.5, DNB: 14.5, DBSCL: 19 };
    for (const [region, cap] of Object.entries(caps)) {
      const rule = ruleFor(item, region);
      expect(rule).toMatchObject({ value: cap, provenance: { verified: false } });
      expect(rule?.provenance.note).toContain("cần đối chiếu văn bản gốc");
    }
  });

  it("15.4 electronic health records: TDMNPB 50, DBSH 70 unverified; other regions empty", () => {
    const item = indicator(id, "15.4");
    expect(ruleFor(item, "TDMNPB")).toMatchObject({ value: 50, provenance: { verified: false } });
    expect(ruleFor(item, "DBSH")).toMatchObject({ value: 70, provenance: { verified: false } });
    for (const region of ["BTB", "DHNTB", "TN", "DNB", "DBSCL"])
      expect(ruleFor(item, region)?.value).toBeNull();
  });

  it("17.1 clean water: the regionless 45 % applies to no region; an empty slot per region, the figures in the note", () => {
    const item = indicator(id, "17.1");
    for (const region of REGIONS) {
      const rule = ruleFor(item, region);
      expect(rule).toMatchObject({ when: { region: [region] }, value: null });
      expect(rule?.provenance.verified).toBe(false);
      expect(rule?.provenance.note).toContain("45 %");
      expect(rule?.provenance.note).toContain("≥ 20 %");
      expect(rule?.provenance.note).toContain("từ 15 % đến 20 %");
      expect(rule?.provenance.note).toContain("không áp dụng cho vùng nào");
    }
    expect(item.thresholds.some((rule) => rule.when === undefined)).toBe(false);
  });

  it.each(["TDMNPB", "DBSH", "BTB", "DBSCL"])(
    "17.1 in %s: a value is judged 'no threshold', neither met nor not met",
    (region) => {
      const verdict = evaluate(
        set(id),
        { code: "XA-A", attributes: { region } },
        { "17.1": { kind: "number", value: 50, period: "2024" } },
        "2024-12-31",
      );
      const water = verdict.criteria[16]?.indicators.find((i) => i.code === "17.1");
      expect(water?.status).toBe("no_threshold");
    },
  );

  it("6.3 village cultural houses ≥ 100 % in every region, verified (round 3)", () => {
    const item = indicator(id, "6.3");
    for (const region of REGIONS)
      expect(ruleFor(item, region)).toMatchObject({ value: 100, provenance: { verified: true } });
    expect(
      (item.thresholds[0] as Rule & { provenance: { url?: string } }).provenance.url,
    ).toContain("svhttdl.thanhhoa.gov.vn");
  });

  it.each(["6.1", "6.2", "7", "8.1", "8.2", "8.3", "8.4", "15.2"])(
    "%s: 'Đạt' sourced in round 3, with its address and quote",
    (code) => {
      const rule = indicator(id, code).thresholds[0] as Rule & {
        provenance: { url?: string; quote?: string };
      };
      expect(rule).toMatchObject({ value: true, provenance: { verified: true } });
      expect(rule.provenance.url).toMatch(/^https?:\/\//u);
      expect(rule.provenance.quote).toBeTruthy();
    },
  );

  it("15.1's name is confirmed (round 3) while its thresholds stay empty", () => {
    const item = indicator(id, "15.1");
    expect(item.name).toBe("Tỷ lệ người dân tham gia bảo hiểm y tế (áp dụng đạt cho cả nam và nữ)");
    expect(item.provenance.verified).toBe(true);
    expect(item.thresholds.every((rule) => rule.value === null)).toBe(true);
  });

  it("income (10) has an empty slot per region and year 2022–2025; poverty (11) is ≤ with empty caps", () => {
    const income = indicator(id, "10");
    expect(income.thresholds).toHaveLength(28);
    expect(income.thresholds.every((rule) => rule.value === null)).toBe(true);
    const poverty = indicator(id, "11");
    expect(poverty).toMatchObject({ comparator: "lte" });
    expect(poverty.thresholds.every((rule) => rule.value === null)).toBe(true);
  });

  it("does not ship unverified recollected numbers as thresholds", () => {
    for (const code of ["2.1", "17.1", "17.2", "17.4", "17.9", "4.2", "15.1"])
      expect(indicator(id, code).thresholds.every((rule) => rule.value === null)).toBe(true);
  });

  it("counts 43 thresholds with a value, 12 of them verified", () => {
    const rules = set(id).criteria.flatMap((c) =>
      c.indicators.flatMap((i) => i.thresholds as Rule[]),
    );
    const valued = rules.filter((rule) => rule.value !== null && rule.value !== undefined);
    expect(valued).toHaveLength(43);
    expect(valued.filter((rule) => rule.provenance.verified)).toHaveLength(12);
  });
});

describe("NTM nâng cao 2021-2025 thresholds (QĐ 318, Phụ lục II)", () => {
  const id = "ntm-nang-cao-xa-2021-2025";

  it("4.2 electricity by region 100 / 99 / 98, verified", () => {
    const item = indicator(id, "4.2");
    const expected = { DBSH: 100, DNB: 100, BTB: 99, DHNTB: 99, DBSCL: 99, TDMNPB: 98, TN: 98 };
    for (const [region, value] of Object.entries(expected))
      expect(ruleFor(item, region)).toMatchObject({ value, provenance: { verified: true } });
  });

  it("14.1 health insurance ≥ 95 % verified for DBSH and TDMNPB only", () => {
    const item = indicator(id, "14.1");
    expect(ruleFor(item, "DBSH")).toMatchObject({ value: 95, provenance: { verified: true } });
    expect(ruleFor(item, "TDMNPB")).toMatchObject({ value: 95, provenance: { verified: true } });
    for (const region of ["BTB", "DHNTB", "TN", "DNB", "DBSCL"])
      expect(ruleFor(item, region)?.value).toBeNull();
  });

  it.each([
    ["14.2", 90],
    ["14.3", 40],
    ["14.4", 70],
  ])("%s ≥ %i for TDMNPB, unverified (region not stated by the source)", (code, value) => {
    const item = indicator(id, code);
    expect(ruleFor(item, "TDMNPB")).toMatchObject({ value, provenance: { verified: false } });
    expect(ruleFor(item, "DBSH")?.value).toBeNull();
  });

  it("13.2 requires a valid OCOP product", () => {
    expect(indicator(id, "13.2")).toMatchObject({
      kind: "boolean",
      thresholds: [{ value: true, provenance: { verified: true } }],
    });
  });
});

describe("kiểu mẫu (QĐ 319) and 2026-2030 (QĐ 51/2025)", () => {
  it("kiểu mẫu: meets nâng cao, income ≥ 110 % of the nâng cao threshold, ≥ 1 smart village, ≥ 1 outstanding field", () => {
    const id = "ntm-kieu-mau-xa-2021-2025";
    expect(indicator(id, "1")).toMatchObject({
      source: { kind: "set_met", set: "ntm-nang-cao-xa-2021-2025" },
    });
    expect(indicator(id, "2").thresholds).toEqual([
      expect.objectContaining({
        relativeTo: { set: "ntm-nang-cao-xa-2021-2025", indicator: "10", percent: 110 },
      }),
    ]);
    expect(indicator(id, "3")).toMatchObject({
      kind: "count",
      comparator: "gte",
      thresholds: [{ value: 1 }],
    });
    expect(indicator(id, "4")).toMatchObject({
      kind: "count",
      comparator: "gte",
      thresholds: [{ value: 1 }],
    });
  });

  it("2026-2030: ten criteria, three commune groups, in force from 15/02/2026", () => {
    const s = getOfficialCriteriaSet("ntm-xa-2026-2030");
    expect(s?.effective.from).toBe("2026-02-15");
    expect(s?.dimensions.map((d) => [d.id, d.values.map((v) => v.code)])).toEqual([
      ["group", ["1", "2", "3"]],
    ]);
    expect(s?.official.note).toContain("47 chỉ tiêu");
  });

  describe("2026-2030 criterion 3 from Thông tư 52/2026/TT-BTC (rounds 4 and 5)", () => {
    const id = "ntm-xa-2026-2030";
    it.each([
      ["3.1", "number", "gte", 9.5, true],
      ["3.6", "count", "gte", 1, true],
      ["3.9", "boolean", undefined, true, true],
      ["3.10", "boolean", undefined, null, false],
    ] as const)(
      "%s is a %s with the national floor %s %s (verified: %s)",
      (code, kind, comparator, value, verified) => {
        const item = indicator(id, code);
        expect(item.kind).toBe(kind);
        if (comparator) expect(item).toMatchObject({ comparator });
        expect(item.thresholds).toHaveLength(1);
        const [rule] = item.thresholds as Array<
          Rule & { when?: unknown; provenance: { url?: string; quote?: string } }
        >;
        expect(rule?.when).toBeUndefined();
        expect(rule?.value).toBe(value);
        expect(rule?.provenance.verified).toBe(verified);
        expect(rule?.provenance.url).toBe(
          "https://congbao.chinhphu.vn/van-ban/thong-tu-so-52-2026-tt-btc-469527.htm",
        );
        expect(rule?.provenance.quote).toMatch(/trở lên|tối thiểu|yêu cầu sau/u);
      },
    );

    it("keeps criterion 3 undetermined while its other indicators are unknown, even with 3.1–3.10's known ones met", () => {
      const verdict = evaluate(
        set(id),
        { code: "XA-A", attributes: { group: "2" } },
        {
          "3.1": { kind: "number", value: 10, period: "2026" },
          "3.6": { kind: "number", value: 1, period: "2026" },
          "3.9": { kind: "boolean", value: true, period: "2026" },
          "3.10": { kind: "boolean", value: true, period: "2026" },
        },
        "2026-12-31",
      );
      const c3 = verdict.criteria.find((c) => c.number === 3);
      expect(c3?.indicators.find((i) => i.code === "3.1")?.status).toBe("met");
      expect(c3?.indicators.find((i) => i.code === "3.10")?.status).toBe("no_threshold");
      expect(c3?.status).toBe("undetermined");
      expect(verdict.status).toBe("undetermined");
    });

    it("judges 3.1 income growth below the floor as not met, and takes a negative growth", () => {
      const verdict = evaluate(
        set(id),
        { code: "XA-A", attributes: { group: "1" } },
        { "3.1": { kind: "number", value: -2, period: "2026" } },
        "2026-12-31",
      );
      const growth = verdict.criteria[2]?.indicators.find((i) => i.code === "3.1");
      expect(growth).toMatchObject({ status: "not_met", threshold: { value: 9.5 } });
    });
  });
});
