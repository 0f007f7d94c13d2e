/**
 * Vietnamese text rules, defined once. Names are stored in NFC so that "Hoà" typed with a
 * combining mark and "Hoà" typed precomposed are the same string; search folds tone marks and
 * "đ" so that "xuan hoa" finds "Xuân Hòa" and "Xuân Hoà" alike.
 */

/** Canonical form of a stored name: NFC, inner whitespace collapsed, trimmed. */
export function normalizeName(input: string): string {
  return input.normalize("NFC").replace(/\s+/gu, " ").trim();
}

// Old-style ("hoà") and new-style ("hòa") tone placement fold to the same key below, because
// every tone mark is removed; only the base letters remain.
const COMBINING_MARKS = /\p{M}/gu;

/** The search key of a text: lower case, without tone marks or diacritics, "đ" → "d". */
export function foldForSearch(input: string): string {
  return input
    .normalize("NFD")
    .replace(COMBINING_MARKS, "")
    .replace(/[đĐ]/gu, "d")
    .toLowerCase()
    .replace(/\s+/gu, " ")
    .trim();
}

/** True when every word of the query appears in the text, ignoring tone marks and case. */
export function matchesSearch(text: string, query: string): boolean {
  const haystack = foldForSearch(text);
  return foldForSearch(query)
    .split(" ")
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

// Control characters (C0 but tab and line breaks, DEL, C1), direction overrides and isolates
// (U+202A–202E, U+2066–2069, LRM/RLM/ALM) and invisible characters (zero-width space and
// joiners, word joiner, BOM). No Vietnamese text needs them; in a name they hide or reorder
// what an official reads ("invoice[U+202E]fdp.exe" shows as "invoiceexe.pdf"), and NUL cannot
// be stored at all.
const FORBIDDEN_CHARACTERS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/u;

/** The first character no stored text may contain, as "U+202E", or null when the text is clean. */
export function findForbiddenCharacter(input: string): string | null {
  const found = FORBIDDEN_CHARACTERS.exec(input);
  if (!found) return null;
  return `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
}
