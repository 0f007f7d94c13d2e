import { describe, expect, it } from "vitest";
import { testDatabases, useTestDatabase } from "./testing";

/**
 * review.progress counts, at each date, what review.standing's roll-up says on that date: the
 * dashboard's progress chart reads one call instead of one standing per date.
 */
const DATES = ["2022-06-30", "2022-12-31", "2023-05-19", "2023-12-31", "2024-12-31", "2025-07-01"];
const SET = "ntm-xa-2021-2025";

describe.each(await testDatabases({ demo: "full" }))("on $name", (database) => {
  const env = useTestDatabase(database);

  it("agrees with review.standing's roll-up at every date, oldest first", async () => {
    const api = await env.as(null);
    const points = await api.review.progress({
      unitCode: "THO-XUAN",
      setId: SET,
      dates: [...DATES].reverse(),
    });
    expect(points.map((p) => p.asOf)).toEqual(DATES);
    for (const point of points) {
      const standing = await api.review.standing({
        unitCode: "THO-XUAN",
        setId: SET,
        asOf: point.asOf,
      });
      const units = standing.rollups.reduce((sum, r) => sum + r.units, 0);
      expect(point).toMatchObject({
        communes: standing.communes,
        reported: units,
        meeting: standing.rollups.reduce((sum, r) => sum + r.unitsMeetingStandard, 0),
        criteriaMetTotal: standing.rollups.reduce((sum, r) => sum + r.criteriaMetTotal, 0),
      });
    }
    // Seed 000's meeting: 12 NTM communes reviewed, none yet meeting the whole set, 191 lượt.
    expect(points[2]).toMatchObject({ reported: 12, meeting: 0, criteriaMetTotal: 191 });
    expect(points[0]).toMatchObject({ reported: 0, share: 0, criteriaMetAverage: 0 });
    expect(points.at(-1)!.meeting).toBeGreaterThan(0);
  });

  it("refuses more than 12 dates, an impossible date, and drafts to the public", async () => {
    const api = await env.as(null);
    const dates = Array.from({ length: 13 }, (_, k) => `${2010 + k}-12-31`);
    await expect(api.review.progress({ unitCode: "THO-XUAN", setId: SET, dates })).rejects.toThrow(
      /tối đa 12 ngày/u,
    );
    await expect(
      api.review.progress({ unitCode: "THO-XUAN", setId: SET, dates: ["2023-02-30"] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      api.review.progress({ unitCode: "THO-XUAN", setId: SET, dates: DATES, working: true }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("shows a district admin the working verdicts of their district", async () => {
    const admin = await env.as("huyen.thoxuan");
    const [point] = await admin.review.progress({
      unitCode: "THO-XUAN",
      setId: SET,
      dates: ["2023-05-19"],
      working: true,
    });
    expect(point!.reported).toBeGreaterThanOrEqual(12);
  });
});
