import { asc, eq } from "drizzle-orm";
import type { Executor } from "../database";
import { evidenceFile, indicatorValue, report } from "../schema";

export async function insertEvidenceFile(
  db: Executor,
  params: {
    indicatorValueId: string;
    fileName: string;
    contentType: string;
    content: Buffer;
    uploadedBy: string;
  },
) {
  const [row] = await db
    .insert(evidenceFile)
    .values({ ...params, size: params.content.length })
    .returning({
      id: evidenceFile.id,
      fileName: evidenceFile.fileName,
      contentType: evidenceFile.contentType,
      size: evidenceFile.size,
      uploadedAt: evidenceFile.uploadedAt,
    });
  return row!;
}

export async function listEvidenceFiles(db: Executor, indicatorValueId: string) {
  return db
    .select({
      id: evidenceFile.id,
      fileName: evidenceFile.fileName,
      contentType: evidenceFile.contentType,
      size: evidenceFile.size,
      uploadedAt: evidenceFile.uploadedAt,
    })
    .from(evidenceFile)
    .where(eq(evidenceFile.indicatorValueId, indicatorValueId))
    .orderBy(asc(evidenceFile.uploadedAt));
}

/** A file with what is needed to authorise reading it: the report's unit. */
export async function getEvidenceFile(db: Executor, id: string) {
  const [row] = await db
    .select({
      id: evidenceFile.id,
      fileName: evidenceFile.fileName,
      contentType: evidenceFile.contentType,
      content: evidenceFile.content,
      unitId: report.unitId,
    })
    .from(evidenceFile)
    .innerJoin(indicatorValue, eq(evidenceFile.indicatorValueId, indicatorValue.id))
    .innerJoin(report, eq(indicatorValue.reportId, report.id))
    .where(eq(evidenceFile.id, id));
  return row;
}

/** A file's row without its bytes, with the value and report it hangs on (for a removal). */
export async function getEvidenceFileInfo(db: Executor, id: string) {
  const [row] = await db
    .select({
      id: evidenceFile.id,
      fileName: evidenceFile.fileName,
      contentType: evidenceFile.contentType,
      size: evidenceFile.size,
      indicatorValueId: evidenceFile.indicatorValueId,
      reportId: indicatorValue.reportId,
      unitId: report.unitId,
    })
    .from(evidenceFile)
    .innerJoin(indicatorValue, eq(evidenceFile.indicatorValueId, indicatorValue.id))
    .innerJoin(report, eq(indicatorValue.reportId, report.id))
    .where(eq(evidenceFile.id, id));
  return row;
}

export async function deleteEvidenceFile(db: Executor, id: string): Promise<boolean> {
  const rows = await db
    .delete(evidenceFile)
    .where(eq(evidenceFile.id, id))
    .returning({ id: evidenceFile.id });
  return rows.length === 1;
}
