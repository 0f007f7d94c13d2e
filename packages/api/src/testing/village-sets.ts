import { thanhHoaVillageSets } from "@datchuan/db";
import type { callerAs } from "../testing";

/**
 * The village fixture of the API tests: the demo's own illustrative village set and the commune
 * set deriving from it (packages/db/src/seed/thanh-hoa-villages.ts), published as the full demo
 * publishes them (owned by Thanh Hóa) into a light-demo database that lacks them.
 */
export async function publishDemoVillageSets(admin: Awaited<ReturnType<typeof callerAs>>) {
  for (const definition of thanhHoaVillageSets()) {
    const draft = await admin.criteriaSet.createDraft({ definition, ownerUnitCode: "THANH-HOA" });
    await admin.criteriaSet.publish({ id: draft.id, expectedRowVersion: draft.rowVersion });
  }
}
