import { z } from "zod";
import { type CriteriaSet, criteriaSetSchema } from "../criteria/model";
import ntmKieuMauXa20212025 from "./ntm-kieu-mau-xa-2021-2025.json";
import ntmNangCaoXa20212025 from "./ntm-nang-cao-xa-2021-2025.json";
import ntmXa20212025 from "./ntm-xa-2021-2025.json";
import ntmXa20262030 from "./ntm-xa-2026-2030.json";

/**
 * The official national criteria sets, shipped as data transcribed from the research in
 * ../shared/criteria: every criterion, indicator and threshold carries its legal source and a
 * `verified` flag, and thresholds nobody could confirm are `null` ("no threshold"), never guessed.
 */

/**
 * What the criteria-set model has no field for yet: the counts the decision declares (the
 * 2026–2030 set declares 47 indicators while none is known) and a note on what is missing.
 */
export const officialSetNoteSchema = z.object({
  note: z.string().min(1),
  declared: z.object({
    criteria: z.int().min(1),
    /** null when even the official total is not known (NTM nâng cao). */
    indicators: z.int().min(0).nullable(),
  }),
});
export type OfficialSetNote = z.infer<typeof officialSetNoteSchema>;

export type OfficialCriteriaSet = CriteriaSet & { official: OfficialSetNote };

function loadOfficialSet(file: string, json: unknown): OfficialCriteriaSet {
  // A broken data file must fail at import, loudly, naming the file and the path inside it.
  const { note, declared, ...set } = json as Record<string, unknown>;
  const parsedSet = criteriaSetSchema.safeParse(set);
  if (!parsedSet.success) {
    throw new Error(`Bộ tiêu chí ${file} không hợp lệ:\n${z.prettifyError(parsedSet.error)}`);
  }
  const official = officialSetNoteSchema.safeParse({ note, declared });
  if (!official.success) {
    throw new Error(
      `Ghi chú của bộ tiêu chí ${file} không hợp lệ:\n${z.prettifyError(official.error)}`,
    );
  }
  return { ...parsedSet.data, official: official.data };
}

/** Oldest first; ids are stable and used on the command line and in the database. */
export const officialCriteriaSets: readonly OfficialCriteriaSet[] = [
  loadOfficialSet("ntm-xa-2021-2025.json", ntmXa20212025),
  loadOfficialSet("ntm-nang-cao-xa-2021-2025.json", ntmNangCaoXa20212025),
  loadOfficialSet("ntm-kieu-mau-xa-2021-2025.json", ntmKieuMauXa20212025),
  loadOfficialSet("ntm-xa-2026-2030.json", ntmXa20262030),
];

/** The official set with this id, or undefined. */
export function getOfficialCriteriaSet(id: string): OfficialCriteriaSet | undefined {
  return officialCriteriaSets.find((set) => set.id === id);
}
