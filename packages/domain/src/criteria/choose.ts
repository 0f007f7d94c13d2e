/**
 * Which stored version of a criteria set judges a unit on a date (bộ tiêu chí áp dụng). A
 * national set (no owner) may be adapted by a province or district under an id of its own
 * (`adapts`); the unit is judged by the nearest adaptation owned on its path, and by the
 * version whose effective period covers the date — never by whichever was published last.
 */

/** A published version as the chooser needs it; the definition itself is not needed. */
export interface SetVersionRef {
  setId: string;
  version: string;
  /** Path of the owner unit ("/THANH-HOA/"); null for national sets. */
  ownerPath: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  /** The set id this one adapts, if any. */
  adapts: string | null;
  /** Order of publication, for versions whose periods start on the same day. */
  publishedAt: Date | string | null;
}

function publishedOrder(v: SetVersionRef): number {
  return v.publishedAt === null ? 0 : new Date(v.publishedAt).getTime();
}

/** Later start first; among equal starts the later publication (an amendment of that version). */
function newerFirst(a: SetVersionRef, b: SetVersionRef): number {
  if (a.effectiveFrom !== b.effectiveFrom) return a.effectiveFrom < b.effectiveFrom ? 1 : -1;
  return publishedOrder(b) - publishedOrder(a);
}

function covers(v: SetVersionRef, asOf: string): boolean {
  return v.effectiveFrom <= asOf && (v.effectiveTo === null || asOf <= v.effectiveTo);
}

/**
 * The version of one set id in force on a date: the one covering it; else the latest that had
 * started; else the earliest (a verdict says `inEffect: false` in the last two cases).
 */
export function versionInForce<T extends SetVersionRef>(
  versions: readonly T[],
  setId: string,
  asOf: string,
): T | undefined {
  const own = versions.filter((v) => v.setId === setId).sort(newerFirst);
  return own.find((v) => covers(v, asOf)) ?? own.find((v) => v.effectiveFrom <= asOf) ?? own.at(-1);
}

/** The set at the root of an adaptation chain: the programme a report belongs to. */
export function programmeOf(versions: readonly SetVersionRef[], setId: string): string {
  const seen = new Set<string>();
  let current = setId;
  while (!seen.has(current)) {
    seen.add(current);
    const parent = versions.find((v) => v.setId === current && v.adapts !== null)?.adapts;
    if (!parent) return current;
    current = parent;
  }
  return current;
}

/**
 * The version that judges a unit (by its path) on a date for a programme: among the programme's
 * sets owned on the unit's path (national ones count as owned by the root), the nearest owner's
 * set with a version covering the date; else the programme's own set in force. Undefined when
 * the programme is owned by a unit the given one does not belong to.
 */
export function chooseSetVersion<T extends SetVersionRef>(
  versions: readonly T[],
  params: { setId: string; unitPath: string; asOf: string },
): T | undefined {
  const programme = programmeOf(versions, params.setId);
  const applies = (v: SetVersionRef) =>
    v.ownerPath === null || params.unitPath.startsWith(v.ownerPath);
  const candidates = [
    ...new Set(
      versions
        .filter((v) => applies(v) && programmeOf(versions, v.setId) === programme)
        .sort(
          (a, b) =>
            (b.ownerPath?.length ?? 0) - (a.ownerPath?.length ?? 0) ||
            a.setId.localeCompare(b.setId),
        )
        .map((v) => v.setId),
    ),
  ];
  for (const setId of candidates) {
    const version = versionInForce(versions, setId, params.asOf);
    if (version && covers(version, params.asOf)) return version;
  }
  const root = versionInForce(versions, programme, params.asOf);
  return root && applies(root) ? root : undefined;
}
