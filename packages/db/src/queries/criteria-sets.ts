import { type CriteriaSet, type CriteriaSetInput, criteriaSetSchema } from "@datchuan/domain";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "../database";
import { criteriaSet, departmentAssignment, unit } from "../schema";

/** The columns copied out of a definition: effective period and the set it adapts. */
function definitionColumns(definition: CriteriaSetInput) {
  return {
    effectiveFrom: definition.effective.from,
    effectiveTo: definition.effective.to ?? null,
    adaptsSetId: definition.adapts?.id ?? null,
    adaptsVersion: definition.adapts?.version ?? null,
  };
}

const summaryColumns = {
  id: criteriaSet.id,
  setId: criteriaSet.setId,
  version: criteriaSet.version,
  title: criteriaSet.title,
  status: criteriaSet.status,
  official: criteriaSet.official,
  rowVersion: criteriaSet.rowVersion,
  publishedAt: criteriaSet.publishedAt,
  ownerUnitId: criteriaSet.ownerUnitId,
  /** The owner unit's path; null for national sets. */
  ownerPath: unit.path,
  effectiveFrom: criteriaSet.effectiveFrom,
  effectiveTo: criteriaSet.effectiveTo,
  adaptsSetId: criteriaSet.adaptsSetId,
  adaptsVersion: criteriaSet.adaptsVersion,
};

/** Loads the official sets as published versions; existing versions are left as they are. */
export async function insertOfficialSets(
  db: Executor,
  sets: readonly CriteriaSetInput[],
): Promise<number> {
  let inserted = 0;
  for (const definition of sets) {
    const rows = await db
      .insert(criteriaSet)
      .values({
        setId: definition.id,
        version: definition.version,
        title: definition.title,
        status: "published",
        official: "official",
        definition,
        ...definitionColumns(definition),
        publishedAt: sql`now()`,
      })
      .onConflictDoNothing({ target: [criteriaSet.setId, criteriaSet.version] })
      .returning({ id: criteriaSet.id });
    inserted += rows.length;
  }
  return inserted;
}

export async function listCriteriaSets(db: Executor) {
  return db
    .select(summaryColumns)
    .from(criteriaSet)
    .leftJoin(unit, eq(criteriaSet.ownerUnitId, unit.id))
    .orderBy(asc(criteriaSet.setId), desc(criteriaSet.createdAt));
}

export async function getCriteriaSetRow(db: Executor, id: string) {
  const [row] = await db
    .select({ ...summaryColumns, definition: criteriaSet.definition })
    .from(criteriaSet)
    .leftJoin(unit, eq(criteriaSet.ownerUnitId, unit.id))
    .where(eq(criteriaSet.id, id));
  return row;
}

/**
 * Every published version without its definition: what choosing the version that judges a unit
 * needs (owner path, effective period, the set adapted). A handful of rows.
 */
export async function listPublishedSetVersions(db: Executor) {
  return db
    .select({ ...summaryColumns, publishedAt: criteriaSet.publishedAt })
    .from(criteriaSet)
    .leftJoin(unit, eq(criteriaSet.ownerUnitId, unit.id))
    .where(eq(criteriaSet.status, "published"));
}
export type PublishedSetVersion = Awaited<ReturnType<typeof listPublishedSetVersions>>[number];

/** A stored definition, parsed through the model (defaults applied). */
export async function getSetDefinition(db: Executor, id: string): Promise<CriteriaSet | undefined> {
  const [row] = await db
    .select({ definition: criteriaSet.definition })
    .from(criteriaSet)
    .where(eq(criteriaSet.id, id));
  return row ? criteriaSetSchema.parse(row.definition) : undefined;
}

/**
 * Serialises writers of one set id until the transaction ends, so two drafts cannot give a set
 * id two owners at once (the rule is checked by reading, which a unique key cannot express).
 */
export async function lockSetId(db: Executor, setId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(7, hashtext(${setId}))`);
}

/** The owners of a set id's stored versions (drafts too): one owner per set id is the rule. */
export async function listSetOwners(db: Executor, setId: string) {
  return db
    .selectDistinct({ ownerUnitId: criteriaSet.ownerUnitId, ownerPath: unit.path })
    .from(criteriaSet)
    .leftJoin(unit, eq(criteriaSet.ownerUnitId, unit.id))
    .where(eq(criteriaSet.setId, setId));
}

export async function insertDraftSet(
  db: Executor,
  params: { definition: CriteriaSetInput; ownerUnitId: string | null },
) {
  const [row] = await db
    .insert(criteriaSet)
    .values({
      setId: params.definition.id,
      version: params.definition.version,
      title: params.definition.title,
      status: "draft",
      definition: params.definition,
      ...definitionColumns(params.definition),
      ownerUnitId: params.ownerUnitId,
    })
    .returning({ id: criteriaSet.id });
  return (await getCriteriaSetRow(db, row!.id))!;
}

/** Replaces a draft's definition if it is still a draft at the version the editor read. */
export async function updateDraftSet(
  db: Executor,
  params: { id: string; definition: CriteriaSetInput; expectedRowVersion: number },
) {
  const [row] = await db
    .update(criteriaSet)
    .set({
      definition: params.definition,
      ...definitionColumns(params.definition),
      title: params.definition.title,
      rowVersion: sql`${criteriaSet.rowVersion} + 1`,
    })
    .where(
      and(
        eq(criteriaSet.id, params.id),
        eq(criteriaSet.status, "draft"),
        eq(criteriaSet.rowVersion, params.expectedRowVersion),
        // The version string stays that of the draft; renaming it is a new draft.
        eq(criteriaSet.version, params.definition.version),
        eq(criteriaSet.setId, params.definition.id),
      ),
    )
    .returning({ id: criteriaSet.id });
  return row ? getCriteriaSetRow(db, row.id) : undefined;
}

export async function publishDraftSet(
  db: Executor,
  params: { id: string; expectedRowVersion: number },
) {
  const [row] = await db
    .update(criteriaSet)
    .set({
      status: "published",
      // The moment of this statement, not of the transaction's start: among versions starting
      // the same day the later publication is in force, and a publication that began first may
      // commit last. Writers of one set id hold its lock (`lockSetId`), so this follows commits.
      publishedAt: sql`clock_timestamp()`,
      rowVersion: sql`${criteriaSet.rowVersion} + 1`,
    })
    .where(
      and(
        eq(criteriaSet.id, params.id),
        eq(criteriaSet.status, "draft"),
        eq(criteriaSet.rowVersion, params.expectedRowVersion),
      ),
    )
    .returning({ id: criteriaSet.id });
  return row ? getCriteriaSetRow(db, row.id) : undefined;
}

export async function insertDepartmentAssignments(
  db: Executor,
  rows: ReadonlyArray<{
    ownerUnitId: string;
    setId: string;
    criterionNumber: number;
    indicatorCode?: string | null;
    department: string;
  }>,
) {
  if (rows.length === 0) return;
  await db.insert(departmentAssignment).values(
    rows.map((r) => ({
      ...r,
      indicatorCode: r.indicatorCode ?? null,
      department: r.department.normalize("NFC"),
    })),
  );
}

/**
 * The department owning an indicator in a unit's area: the assignment of the nearest ancestor
 * (or the unit itself), an indicator-specific one before the criterion's.
 */
export async function findDepartment(
  db: Executor,
  params: { unitPath: string; setId: string; criterionNumber: number; indicatorCode: string },
): Promise<string | null> {
  const [row] = await db
    .select({ department: departmentAssignment.department })
    .from(departmentAssignment)
    .innerJoin(unit, eq(departmentAssignment.ownerUnitId, unit.id))
    .where(
      and(
        eq(departmentAssignment.setId, params.setId),
        eq(departmentAssignment.criterionNumber, params.criterionNumber),
        sql`(${departmentAssignment.indicatorCode} is null or ${departmentAssignment.indicatorCode} = ${params.indicatorCode})`,
        sql`${params.unitPath} like ${unit.path} || '%'`,
      ),
    )
    .orderBy(desc(sql`length(${unit.path})`), sql`${departmentAssignment.indicatorCode} is null`)
    .limit(1);
  return row?.department ?? null;
}
