import {
  type Executor,
  getSetDefinition,
  listPublishedSetVersions,
  type PublishedSetVersion,
} from "@datchuan/db";
import {
  type CompiledCriteriaSet,
  type CriteriaSet,
  CriteriaSetError,
  chooseSetVersion,
  compileCriteriaSet,
  programmeOf,
  type SetDefinitionTree,
  type SetVersionRef,
  versionInForce,
} from "@datchuan/domain";
import { TRPCError } from "@trpc/server";

/** A published version with its adaptation as the chooser reads it. */
export type StoredVersion = PublishedSetVersion & SetVersionRef;

/** A published version compiled with what it adapts and refers to. */
export interface LoadedSet {
  row: StoredVersion;
  compiled: CompiledCriteriaSet;
  /** The row ids it was compiled from: itself, `<` its parent's basis, `+` each referred set's. */
  basis: string;
}

// Published rows never change (a change is a new version), so what is parsed and compiled from
// them is kept: parsing and compiling the NTM set costs ~5 ms warm, a save now neither. Bounded,
// oldest out first.
const CACHE_LIMIT = 128;
const definitions = new Map<string, CriteriaSet>();
const compiledByBasis = new Map<string, CompiledCriteriaSet>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
  return value;
}

/** How many definitions and compiled sets are held; for tests of the cache. */
export function criteriaSetCacheSize() {
  return { definitions: definitions.size, compiled: compiledByBasis.size };
}

export async function listStoredVersions(db: Executor): Promise<StoredVersion[]> {
  return (await listPublishedSetVersions(db)).map((row) => ({ ...row, adapts: row.adaptsSetId }));
}

async function definitionOf(db: Executor, row: StoredVersion): Promise<CriteriaSet> {
  const key = `${row.id}@${row.rowVersion}`;
  const cached = definitions.get(key);
  if (cached) return cached;
  const set = await getSetDefinition(db, row.id);
  if (!set) throw new Error(`Criteria set row ${row.id} vanished`);
  return remember(definitions, key, set);
}

/** Sets whose thresholds this one is relative to (kiểu mẫu income: 110 % of nâng cao's). */
function referencedSets(...sets: readonly CriteriaSet[]): string[] {
  const ids = new Set<string>();
  for (const set of sets)
    for (const criterion of set.criteria)
      for (const indicator of criterion.indicators)
        for (const rule of indicator.thresholds)
          if ("relativeTo" in rule && rule.relativeTo) ids.add(rule.relativeTo.set);
  return [...ids];
}

const MAX_DEPTH = 8;

/**
 * Compiles a definition with the published versions it adapts and refers to, as in force on
 * `asOf`: the version `adapts` pins, else the parent's version in force; a referred set's
 * version in force. Throws CriteriaSetError in Vietnamese when one is missing.
 */
async function compileWithReferences(
  db: Executor,
  versions: readonly StoredVersion[],
  set: CriteriaSet,
  asOf: string,
  depth: number,
  ownRowId: string | null,
): Promise<{ compiled: CompiledCriteriaSet; basis: string }> {
  if (depth > MAX_DEPTH)
    throw new CriteriaSetError([`Bộ "${set.id}": chuỗi bộ điều chỉnh quá dài hoặc vòng tròn`]);
  let parent: LoadedSet | undefined;
  if (set.adapts) {
    const { id, version } = set.adapts;
    const row = version
      ? versions.find((v) => v.setId === id && v.version === version)
      : versionInForce(versions, id, asOf);
    if (!row)
      throw new CriteriaSetError([
        `Bộ "${set.id}" điều chỉnh bộ "${id}"${version ? ` phiên bản ${version}` : ""} nhưng bộ đó chưa ban hành`,
      ]);
    parent = await loadVersion(db, versions, row, asOf, depth + 1);
  }
  const related: LoadedSet[] = [];
  const ids = referencedSets(set, ...(parent ? [parent.compiled.set] : []));
  for (const id of ids) {
    if (id === set.id) continue;
    const row = versionInForce(versions, id, asOf);
    // A missing one is reported by the compiler, naming the indicator.
    if (row) related.push(await loadVersion(db, versions, row, asOf, depth + 1));
  }
  const basis = [
    ownRowId ?? "draft",
    ...(parent ? [`<(${parent.basis})`] : []),
    ...related.map((r) => `+(${r.basis})`),
  ].join("");
  const cached = ownRowId ? compiledByBasis.get(basis) : undefined;
  if (cached) return { compiled: cached, basis };
  const compiled = compileCriteriaSet(set, {
    parent: parent?.compiled,
    related: related.map((r) => r.compiled),
  });
  if (ownRowId) remember(compiledByBasis, basis, compiled);
  return { compiled, basis };
}

async function loadVersion(
  db: Executor,
  versions: readonly StoredVersion[],
  row: StoredVersion,
  asOf: string,
  depth: number,
): Promise<LoadedSet> {
  const set = await definitionOf(db, row);
  const { compiled, basis } = await compileWithReferences(db, versions, set, asOf, depth, row.id);
  return { row, compiled, basis };
}

/**
 * The set that judges a unit on a date for a programme named by `setId` (a national set or any
 * adaptation of it), compiled: see `chooseSetVersion`. Undefined when none applies to the unit.
 */
export async function loadJudgingSet(
  db: Executor,
  params: { setId: string; unitPath: string; asOf: string },
): Promise<(LoadedSet & { programme: string }) | undefined> {
  const versions = await listStoredVersions(db);
  const row = chooseSetVersion(versions, params);
  if (!row) return undefined;
  const loaded = await loadVersion(db, versions, row, params.asOf, 0);
  return { ...loaded, programme: programmeOf(versions, params.setId) };
}

/**
 * The definitions `loadJudgingSet` compiles, as a tree (the set, what it adapts, what it refers
 * to), for a browser to compile the same set: see the domain's `compileDefinitionTree`.
 */
export async function judgingDefinitionTree(
  db: Executor,
  params: { setId: string; unitPath: string; asOf: string },
): Promise<SetDefinitionTree | undefined> {
  const versions = await listStoredVersions(db);
  const row = chooseSetVersion(versions, params);
  return row ? definitionTree(db, versions, row, params.asOf, 0) : undefined;
}

/** Mirrors `compileWithReferences`: the same versions, chosen the same way. */
async function definitionTree(
  db: Executor,
  versions: readonly StoredVersion[],
  row: StoredVersion,
  asOf: string,
  depth: number,
): Promise<SetDefinitionTree> {
  const set = await definitionOf(db, row);
  if (depth > MAX_DEPTH)
    throw new CriteriaSetError([`Bộ "${set.id}": chuỗi bộ điều chỉnh quá dài hoặc vòng tròn`]);
  let parent: SetDefinitionTree | null = null;
  const chain: CriteriaSet[] = [set];
  if (set.adapts) {
    const { id, version } = set.adapts;
    const parentRow = version
      ? versions.find((v) => v.setId === id && v.version === version)
      : versionInForce(versions, id, asOf);
    if (!parentRow)
      throw new CriteriaSetError([
        `Bộ "${set.id}" điều chỉnh bộ "${id}" nhưng bộ đó chưa ban hành`,
      ]);
    parent = await definitionTree(db, versions, parentRow, asOf, depth + 1);
    for (let p: SetDefinitionTree | null = parent; p; p = p.parent) chain.push(p.set);
  }
  const related: SetDefinitionTree[] = [];
  for (const id of referencedSets(...chain)) {
    if (id === set.id) continue;
    const relatedRow = versionInForce(versions, id, asOf);
    if (relatedRow) related.push(await definitionTree(db, versions, relatedRow, asOf, depth + 1));
  }
  return { set, parent, related };
}

/**
 * A stored version by row id, compiled as it was when judging on `asOf` (its parent and referred
 * sets in force then): to read stored verdicts against the very set that gave them.
 */
export async function loadSetVersion(
  db: Executor,
  params: { rowId: string; asOf: string },
): Promise<LoadedSet | undefined> {
  const versions = await listStoredVersions(db);
  const row = versions.find((v) => v.id === params.rowId);
  return row ? loadVersion(db, versions, row, params.asOf, 0) : undefined;
}

/**
 * Compiles a draft with the published sets it adapts and refers to, as in force when the draft
 * takes effect. Throws CriteriaSetError when it does not hold together.
 */
export async function compileDraft(
  db: Executor,
  set: CriteriaSet,
  /** The date its parent and referred sets are taken in force on; default its start. */
  asOf = set.effective.from,
): Promise<CompiledCriteriaSet> {
  const versions = await listStoredVersions(db);
  return (await compileWithReferences(db, versions, set, asOf, 0, null)).compiled;
}

/**
 * Refuses a unit attribute value no published set declares for that dimension ("yess" for a
 * yes/no flag): thresholds would silently fall back. Attributes no set uses are left free.
 */
export async function checkAttributeValue(db: Executor, name: string, value: string) {
  const codes = new Set<string>();
  let declared = false;
  for (const version of await listStoredVersions(db))
    for (const dimension of (await definitionOf(db, version)).dimensions)
      if (dimension.id === name) {
        declared = true;
        for (const v of dimension.values) codes.add(v.code);
      }
  if (declared && !codes.has(value.normalize("NFC"))) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Giá trị "${value}" không thuộc các mã của thuộc tính ${name}: ${[...codes].join(", ")}.`,
    });
  }
}
