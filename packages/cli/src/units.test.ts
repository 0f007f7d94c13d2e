import { getOfficialCriteriaSet } from "@datchuan/domain/official";
import { describe, expect, it } from "vitest";
import { formatProblem } from "./csv";
import { parseUnitsCsv } from "./units";

const ntm = getOfficialCriteriaSet("ntm-xa-2021-2025");
if (!ntm) throw new Error("official set missing");

describe("parseUnitsCsv", () => {
  it("reads code, name, parent and the set's dimensions, matching codes without case", () => {
    const text = [
      "code,name,parent,region,special_status,schools",
      "XA-A,  Hoằng   Trung ,HUYEN-1,BTB,,3_or_fewer",
      `XA-B,${"Xuân Hoà".normalize("NFD")},,btb,DBKK,`,
    ].join("\n");
    const { units, problems, warnings } = parseUnitsCsv(text, "units.csv", ntm);
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    expect(units).toEqual([
      {
        code: "XA-A",
        name: "Hoằng Trung",
        parent: "HUYEN-1",
        attributes: { region: "BTB", schools: "3_or_fewer" },
        line: 2,
      },
      {
        code: "XA-B",
        name: "Xuân Hoà",
        parent: null,
        attributes: { region: "BTB", special_status: "dbkk" },
        line: 3,
      },
    ]);
  });

  it("accepts a dimension value by its name", () => {
    const text = "code,name,region\nXA-A,An,Đồng bằng sông Hồng\n";
    expect(parseUnitsCsv(text, "units.csv", ntm).units[0]?.attributes).toEqual({ region: "DBSH" });
  });

  it("reports every bad row with its line and keeps going", () => {
    const text = [
      "code,name,region",
      "xa-a,An,BTB",
      "XA-B,,BTB",
      "XA-C,Cát,MIEN-TAY",
      "XA-D,Dũng,DBSH",
      "XA-D,Dũng 2,DBSH",
    ].join("\n");
    const { units, problems } = parseUnitsCsv(text, "units.csv", ntm);
    expect(units.map((u) => u.code)).toEqual(["XA-D"]);
    expect(problems.map(formatProblem)).toEqual([
      'units.csv:2: mã đơn vị "xa-a": Mã đơn vị chỉ gồm chữ in hoa không dấu, số, dấu chấm và gạch ngang',
      "units.csv:3: thiếu tên đơn vị",
      'units.csv:4: region "MIEN-TAY" không có trong Vùng kinh tế - xã hội (TDMNPB, DBSH, BTB, DHNTB, TN, DNB, DBSCL)',
      'units.csv:6: mã đơn vị "XA-D" trùng với dòng 5',
    ]);
  });

  it("warns about columns the set does not know and fails on missing required columns", () => {
    const warned = parseUnitsCsv("code,name,regoin\nXA-A,An,BTB\n", "units.csv", ntm);
    expect(warned.problems).toEqual([]);
    expect(warned.warnings.map(formatProblem)).toEqual([
      'units.csv:1: bỏ qua cột "regoin": bộ tiêu chí không có chiều này (có: region, special_status, schools)',
    ]);
    const missing = parseUnitsCsv("code,ten\nXA-A,An\n", "units.csv", ntm);
    expect(missing.problems.map(formatProblem)).toEqual(["units.csv:1: thiếu cột: name"]);
  });
});

describe("the unit tree", () => {
  it("judges the units whose parent is not in the file; rows under them are their children", () => {
    const text = [
      "code,name,parent",
      "XA-A,An,HUYEN-1",
      "THON-1,Thôn 1,XA-A",
      "XA-B,Bình,",
      "THON-2,Thôn 2,XA-A",
    ].join("\n");
    const { judged, children, problems } = parseUnitsCsv(text, "units.csv", ntm);
    expect(problems).toEqual([]);
    expect(judged.map((u) => u.code)).toEqual(["XA-A", "XA-B"]);
    expect([...children].map(([code, list]) => [code, list.map((c) => c.code)])).toEqual([
      ["XA-A", ["THON-1", "THON-2"]],
    ]);
  });
});
