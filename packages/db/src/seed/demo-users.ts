import type { Role } from "@datchuan/domain";
import type { Executor } from "../database";
import { hashPassword } from "../password";
import { insertRoleAssignment, insertUser } from "../queries/access";
import { getUnitRef } from "../queries/units";

/** The demo password of every demo account; printed in the README, never used for real data. */
export const DEMO_PASSWORD = "datchuan-demo";

/** Made-up accounts, one per role, over the Thọ Xuân demo units. */
export const DEMO_USERS: ReadonlyArray<{
  username: string;
  displayName: string;
  role: Role;
  scopeCode: string | null;
  department?: string;
}> = [
  {
    username: "quantri",
    displayName: "Quản trị hệ thống (demo)",
    role: "system_admin",
    scopeCode: null,
  },
  {
    username: "huyen.thoxuan",
    displayName: "Văn phòng NTM huyện Thọ Xuân (demo)",
    role: "admin",
    scopeCode: "THO-XUAN",
  },
  {
    username: "yte.thoxuan",
    displayName: "Phòng Y tế huyện Thọ Xuân (demo)",
    role: "reviewer",
    scopeCode: "THO-XUAN",
    department: "Y tế",
  },
  {
    username: "xa.xuanminh",
    displayName: "Cán bộ xã Xuân Minh (demo)",
    role: "commune_officer",
    scopeCode: "THO-XUAN.XUAN-MINH",
  },
  {
    username: "thon1.xuanminh",
    displayName: "Trưởng thôn 1 Xuân Minh (demo)",
    role: "village_officer",
    scopeCode: "THO-XUAN.XUAN-MINH.THON-1",
  },
];

export async function insertDemoUsers(db: Executor): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const demo of DEMO_USERS) {
    const user = await insertUser(db, {
      username: demo.username,
      displayName: demo.displayName,
      passwordHash,
    });
    const scope = demo.scopeCode ? await getUnitRef(db, demo.scopeCode) : null;
    if (demo.scopeCode && !scope) throw new Error(`Demo scope ${demo.scopeCode} missing`);
    await insertRoleAssignment(db, {
      userId: user.id,
      role: demo.role,
      scopeUnitId: scope?.id ?? null,
      department: demo.department ?? null,
    });
  }
}
