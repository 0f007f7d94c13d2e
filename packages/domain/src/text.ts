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
