import { deleteCluster, listClusterMemberCodes, recordAudit, updateCluster } from "@datchuan/db";
import { unitNameSchema } from "@datchuan/domain";
import { z } from "zod";
import {
  clusterMemberCodesSchema,
  lockClusterToEdit,
  requireClusterMembers,
} from "../services/unit-clusters";
import { authedProcedure } from "../trpc";

const clusterRef = { clusterId: z.uuid("Mã cụm không hợp lệ"), expectedRowVersion: z.int().min(1) };

/**
 * Editing and removing clusters (a former district kept as a review scope, a programme area):
 * by managers of the owner unit, at the version they read, audited.
 */
export const unitClusterProcedures = {
  /** Renames a cluster and sets its members (adds and removes in one edit). */
  updateCluster: authedProcedure
    .input(z.object({ ...clusterRef, name: unitNameSchema, memberCodes: clusterMemberCodesSchema }))
    .mutation(({ ctx, input }) =>
      ctx.db.transaction(async (tx) => {
        const cluster = await lockClusterToEdit(tx, ctx.viewer, input);
        const members = await requireClusterMembers(
          tx,
          { path: cluster.ownerPath },
          input.memberCodes,
        );
        const before = await listClusterMemberCodes(tx, cluster.id);
        const updated = await updateCluster(tx, {
          id: cluster.id,
          name: input.name,
          memberIds: members.map((m) => m.id),
          expectedRowVersion: input.expectedRowVersion,
        });
        // The row is locked at this version, so the update cannot miss it.
        await recordAudit(tx, {
          actorUserId: ctx.viewer.id,
          action: "cluster.update",
          entity: "unit_cluster",
          entityId: cluster.id,
          unitPath: cluster.ownerPath,
          before: { name: cluster.name, memberCodes: before },
          after: { name: input.name, memberCodes: input.memberCodes },
        });
        return updated!;
      }),
    ),
  /** Removes a cluster; reviews of it end with it, the units themselves stay. */
  deleteCluster: authedProcedure.input(z.object(clusterRef)).mutation(({ ctx, input }) =>
    ctx.db.transaction(async (tx) => {
      const cluster = await lockClusterToEdit(tx, ctx.viewer, input);
      const before = await listClusterMemberCodes(tx, cluster.id);
      await deleteCluster(tx, { id: cluster.id, expectedRowVersion: input.expectedRowVersion });
      await recordAudit(tx, {
        actorUserId: ctx.viewer.id,
        action: "cluster.delete",
        entity: "unit_cluster",
        entityId: cluster.id,
        unitPath: cluster.ownerPath,
        before: { name: cluster.name, memberCodes: before },
        after: null,
      });
      return { deleted: true };
    }),
  ),
};
