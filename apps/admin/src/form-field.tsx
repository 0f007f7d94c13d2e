// The field frame is shared with the other apps; units/ still imports it from here.
export { FormField, fieldAria } from "@datchuan/ui";

/** "65,5" or "65.5" → 65.5; empty → null; anything else → NaN (the form refuses it). */
export function parseDecimal(text: string): number | null {
  const trimmed = text.trim().replace(/\s/gu, "");
  if (!trimmed) return null;
  // vi-VN writes 1.234,5: dots group thousands when a comma is present.
  const normalised = trimmed.includes(",")
    ? trimmed.replace(/\./gu, "").replace(",", ".")
    : trimmed;
  return /^-?\d+(\.\d+)?$/u.test(normalised) ? Number(normalised) : Number.NaN;
}
