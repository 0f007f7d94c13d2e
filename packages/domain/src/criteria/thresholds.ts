import { formatNumber, formatPercent } from "../format";
import type { CompiledCriteriaSet, CompiledIndicator, CompiledThresholdRule } from "./compile";
import type { Comparator, Dimension, Indicator, Provenance, YearRange } from "./model";
import { MICRO, toMicro } from "./numeric";
import type { RuleOrigin } from "./resolve";

/** A dimension of the unit as the threshold lookup saw it: its own value and the applied one. */
export interface AppliedDimensionValue {
  dimension: string;
  dimensionName: string;
  own: string | null;
  applied: string | null;
  appliedName: string | null;
  /** The applied-dimension rule that replaced the unit's own value, if any. */
  appliedBy: Provenance | null;
}

/** Why this threshold applies to this unit in this year: structured, and as a sentence. */
export interface ThresholdReason {
  kind: "rule" | "unknown_value" | "no_rule";
  year: number;
  /** The set that wrote the rule, and whether it is the set itself or the parent it adapts. */
  set: string | null;
  origin: RuleOrigin | null;
  /** The dimensions the rule is keyed on (all dimensions when no rule matched). */
  dimensions: AppliedDimensionValue[];
  years: YearRange | null;
  relativeTo: { set: string; indicator: string; percent: number; base: number | null } | null;
  provenance: Provenance | null;
  /** Vietnamese: "Ngưỡng ≥ 95 % cho Vùng: Đồng bằng sông Hồng; căn cứ QĐ 318 (chưa kiểm chứng)." */
  text: string;
}

/** The threshold an indicator verdict was judged against; `value: null` when it is unknown. */
export interface AppliedThreshold {
  indicator: string;
  comparator: Comparator;
  value: number | boolean | string | null;
  unitOfMeasure: string;
  reason: ThresholdReason;
}

/** An applied threshold with its exact form, precomputed once per (unit profile, year). */
export interface ThresholdEntry {
  applied: AppliedThreshold;
  /**
   * `applied.value`, kept beside for the judging loop: the applied thresholds are built by
   * spreading and take many shapes, so reading through them costs a megamorphic lookup.
   */
  value: AppliedThreshold["value"];
  known: boolean;
  /** Numeric thresholds in millionths; level thresholds as a rank. */
  exact: number;
  /** Met within this distance (in millionths of the unit of measure) is fragile; −1: never. */
  fragileMicro: number;
}

/** A unit's dimension values, computed once per distinct combination of attributes. */
export interface UnitProfileKey {
  key: string;
  dimensions: AppliedDimensionValue[];
  own: Record<string, string>;
  byYear: Map<number, ThresholdEntry[]>;
}

const SYMBOL: Record<Comparator, string> = { gte: "≥", gt: ">", lte: "≤", lt: "<", eq: "=" };

/** "≥", "≤"… */
export function comparatorSymbol(comparator: Comparator): string {
  return SYMBOL[comparator];
}

/** A value in the indicator's own terms: "95 %", "45 triệu đồng/người/năm", "Đạt", "Khá". */
export function formatIndicatorQuantity(
  indicator: Indicator,
  value: number | boolean | string,
): string {
  if (typeof value === "boolean") return value ? "Đạt" : "Không đạt";
  if (typeof value === "string")
    return indicator.kind === "level"
      ? (indicator.levels.find((l) => l.code === value)?.name ?? value)
      : value;
  if (indicator.kind === "percentage" || indicator.kind === "ratio") return formatPercent(value);
  const unit = indicator.unitOfMeasure ? ` ${indicator.unitOfMeasure}` : "";
  return `${formatNumber(value, 6)}${unit}`;
}

function describeDimensions(dimensions: AppliedDimensionValue[]): string {
  if (dimensions.length === 0) return "mọi đơn vị";
  return dimensions
    .map((d) => {
      const applied = `${d.dimensionName}: ${d.appliedName ?? d.applied ?? "chưa xác định"}`;
      return d.appliedBy ? `${applied} (áp dụng theo ${d.appliedBy.source})` : applied;
    })
    .join(", ");
}

function describeSource(p: Provenance | null): string {
  if (!p) return "";
  return `; căn cứ ${p.source}${p.verified ? "" : " (chưa kiểm chứng)"}`;
}

/** Profiles by each dimension's value in turn: a lookup per dimension, nothing allocated. */
interface ProfileTrie {
  next: Map<string, ProfileTrie>;
  profile: UnitProfileKey | undefined;
}

export class ThresholdTables {
  private readonly profiles: ProfileTrie = { next: new Map(), profile: undefined };

  constructor(private readonly compiled: Omit<CompiledCriteriaSet, "tables">) {}

  /** The profile of a unit with these attributes (memoised by the combination of values). */
  profileOf(attributes: Readonly<Record<string, string>>): UnitProfileKey {
    const { dimensions } = this.compiled;
    let node = this.profiles;
    for (let k = 0; k < dimensions.length; k++) {
      const d = dimensions[k] as Dimension;
      const value = attributes[d.id] ?? d.default ?? "";
      let next = node.next.get(value);
      if (!next) {
        next = { next: new Map(), profile: undefined };
        node.next.set(value, next);
      }
      node = next;
    }
    if (node.profile) return node.profile;
    let key = "";
    for (const d of dimensions) key += `${attributes[d.id] ?? d.default ?? ""}\u0001`;
    const own: Record<string, string> = {};
    for (const d of dimensions) {
      const value = attributes[d.id] ?? d.default;
      if (value !== undefined) own[d.id] = value;
    }
    const applied = dimensions.map((d): AppliedDimensionValue => {
      const rule = this.compiled.set.appliedDimensionRules.find(
        (r) =>
          r.dimension === d.id &&
          Object.entries(r.when).every(([id, values]) => {
            const v = own[id];
            return v !== undefined && values.includes(v);
          }),
      );
      const value = rule ? rule.value : (own[d.id] ?? null);
      return {
        dimension: d.id,
        dimensionName: d.name,
        own: own[d.id] ?? null,
        applied: value,
        appliedName: d.values.find((v) => v.code === value)?.name ?? null,
        appliedBy: rule ? rule.provenance : null,
      };
    });
    const profile: UnitProfileKey = { key, dimensions: applied, own, byYear: new Map() };
    node.profile = profile;
    return profile;
  }

  /** Every indicator's threshold for a profile and year, in indicator order. */
  entries(profile: UnitProfileKey, year: number): ThresholdEntry[] {
    let entries = profile.byYear.get(year);
    if (!entries) {
      entries = this.compiled.indicators.map((ci) => this.build(ci, profile, year));
      profile.byYear.set(year, entries);
    }
    return entries;
  }

  private matches(rule: CompiledThresholdRule, profile: UnitProfileKey, year: number): boolean {
    if (year < rule.yearFrom || year > rule.yearTo) return false;
    for (const [d, values] of rule.when) {
      const applied = profile.dimensions[d]?.applied;
      if (applied == null || !values.has(applied)) return false;
    }
    return true;
  }

  private build(ci: CompiledIndicator, profile: UnitProfileKey, year: number): ThresholdEntry {
    const rule = ci.rules.find((r) => this.matches(r, profile, year));
    const { set } = this.compiled;
    const base = {
      indicator: ci.code,
      comparator: ci.comparator,
      unitOfMeasure: ci.indicator.unitOfMeasure,
    };
    if (!rule) {
      const text = `Bộ tiêu chí chưa có ngưỡng cho ${describeDimensions(profile.dimensions)}, năm ${year}.`;
      const reason: ThresholdReason = {
        kind: "no_rule",
        year,
        set: null,
        origin: null,
        dimensions: profile.dimensions,
        years: null,
        relativeTo: null,
        provenance: null,
        text,
      };
      return {
        applied: { ...base, value: null, reason },
        value: null,
        known: false,
        exact: 0,
        fragileMicro: -1,
      };
    }
    const dimensions = rule.when
      .map(([d]) => profile.dimensions[d])
      .filter((d): d is AppliedDimensionValue => d !== undefined);
    let value = rule.value;
    let exact = typeof value === "number" ? toMicro(value) : 0;
    let relativeTo: ThresholdReason["relativeTo"] = null;
    if (rule.relativeTo) {
      const other = this.compiled.related.get(rule.relativeTo.set);
      const otherIndex = other?.indicatorIndex.get(rule.relativeTo.indicator);
      const baseEntry =
        other && otherIndex !== undefined
          ? other.tables.entries(other.tables.profileOf(profile.own), year)[otherIndex]
          : undefined;
      const baseValue =
        baseEntry?.known && typeof baseEntry.applied.value === "number"
          ? baseEntry.applied.value
          : null;
      relativeTo = { ...rule.relativeTo, base: baseValue };
      if (baseEntry && baseValue !== null) {
        // Percent of a micro integer stays exact for the factors decisions use (110 %).
        exact = Math.round((baseEntry.exact * rule.relativeTo.percent) / 100);
        value = exact / MICRO;
      } else value = null;
    }
    if (typeof value === "string") exact = ci.levelRank?.get(value) ?? 0;
    const known = value !== null;
    const origin =
      rule.origin === "parent"
        ? `, theo bộ gốc ${this.compiled.resolved.parent?.title ?? ""}`
        : set.adapts
          ? `, mức riêng của ${set.title}`
          : "";
    const years =
      rule.yearFrom > Number.NEGATIVE_INFINITY || rule.yearTo < Number.POSITIVE_INFINITY;
    const scope = `${describeDimensions(dimensions)}${years ? `, năm ${year}` : ""}${origin}`;
    const relative = relativeTo
      ? `, bằng ${formatNumber(relativeTo.percent)} % ngưỡng chỉ tiêu ${relativeTo.indicator} của bộ ${relativeTo.set}${relativeTo.base === null ? " (bộ đó chưa có ngưỡng)" : ""}`
      : "";
    const text = known
      ? `Ngưỡng ${SYMBOL[ci.comparator]} ${formatIndicatorQuantity(ci.indicator, value as number | boolean | string)} cho ${scope}${relative}${describeSource(rule.provenance)}.`
      : `Chưa xác định mức đạt chuẩn cho ${scope}${relative}${describeSource(rule.provenance)}.`;
    const reason: ThresholdReason = {
      kind: known ? "rule" : "unknown_value",
      year,
      set: rule.origin === "parent" ? (this.compiled.resolved.parent?.id ?? null) : set.id,
      origin: rule.origin,
      dimensions,
      years: years
        ? {
            ...(rule.yearFrom > Number.NEGATIVE_INFINITY ? { from: rule.yearFrom } : {}),
            ...(rule.yearTo < Number.POSITIVE_INFINITY ? { to: rule.yearTo } : {}),
          }
        : null,
      relativeTo,
      provenance: rule.provenance,
      text,
    };
    return {
      applied: { ...base, value, reason },
      value,
      known,
      exact,
      fragileMicro: known ? this.fragileMicro(ci, exact) : -1,
    };
  }

  private fragileMicro(ci: CompiledIndicator, exact: number): number {
    const { indicator } = ci;
    const defaults = this.compiled.set.fragile;
    switch (indicator.kind) {
      case "percentage":
      case "ratio":
        return toMicro(indicator.fragileMargin ?? defaults.percentagePoints);
      case "number":
      case "count":
        return indicator.fragileMargin !== undefined
          ? toMicro(indicator.fragileMargin)
          : Math.round(Math.abs(exact) * defaults.relative);
      default:
        return -1;
    }
  }
}
