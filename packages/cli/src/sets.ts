import {
  type CompiledCriteriaSet,
  type CriteriaSet,
  compileCriteriaSet,
  criteriaSetSchema,
} from "@datchuan/domain";
import { getOfficialCriteriaSet, officialCriteriaSets } from "@datchuan/domain/official";
import { z } from "zod";

/** What `--set` names: a built-in set by id, or a JSON file to read. */
export type SetArgument = { kind: "official"; set: CriteriaSet } | { kind: "file"; path: string };

/** A failure the user must fix in a file: exit code 1, one message. */
export class InputError extends Error {
  override readonly name = "InputError";
}

/** Anything that looks like a path is a file; otherwise it must be a built-in id. */
export function classifySetArgument(argument: string): SetArgument | { kind: "unknown" } {
  const official = getOfficialCriteriaSet(argument);
  if (official) return { kind: "official", set: official };
  if (/\.json$/iu.test(argument) || argument.includes("/") || argument.includes("\\")) {
    return { kind: "file", path: argument };
  }
  return { kind: "unknown" };
}

export function officialIds(): string {
  return officialCriteriaSets.map((s) => s.id).join(", ");
}

/** A custom set from JSON text, validated by the same schema as the official sets. */
export function parseSetJson(text: string, file: string): CriteriaSet {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: không phải JSON hợp lệ (${(error as Error).message})`);
  }
  const parsed = criteriaSetSchema.safeParse(json);
  if (!parsed.success) {
    throw new InputError(`${file}: bộ tiêu chí không hợp lệ\n${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/**
 * The built-in set an adapted set (`adapts`) names, or an InputError saying why there is none.
 * A version, when given, must be the built-in one: a province adapts a text, not an id.
 */
function parentOf(set: CriteriaSet, label: string): CriteriaSet | undefined {
  if (!set.adapts) return undefined;
  const parent = getOfficialCriteriaSet(set.adapts.id);
  if (!parent)
    throw new InputError(
      `${label}: bộ "${set.id}" điều chỉnh bộ "${set.adapts.id}", không phải bộ có sẵn (có: ${officialIds()})`,
    );
  if (set.adapts.version !== undefined && set.adapts.version !== parent.version)
    throw new InputError(
      `${label}: bộ "${set.id}" điều chỉnh phiên bản ${set.adapts.version} của bộ "${parent.id}", nhưng bộ có sẵn là phiên bản ${parent.version}`,
    );
  return parent;
}

/**
 * Compiles a set with the built-in set it adapts (`adapts`) and the official sets it or its
 * parent refers to (`relativeTo`), e.g. kiểu mẫu's income threshold is 110 % of the nâng cao
 * one. Cross-reference problems become an InputError.
 */
export function compileForCli(set: CriteriaSet, label: string): CompiledCriteriaSet {
  const parent = parentOf(set, label);
  const referenced = new Set<string>();
  for (const source of parent ? [set, parent] : [set])
    for (const criterion of source.criteria)
      for (const indicator of criterion.indicators)
        for (const rule of indicator.thresholds)
          if ("relativeTo" in rule && rule.relativeTo) referenced.add(rule.relativeTo.set);
  try {
    const related = [...referenced].flatMap((id) => {
      const other = getOfficialCriteriaSet(id);
      return other && other.id !== set.id ? [compileCriteriaSet(other)] : [];
    });
    return compileCriteriaSet(set, { parent, related });
  } catch (error) {
    throw new InputError(`${label}: ${(error as Error).message}`);
  }
}
