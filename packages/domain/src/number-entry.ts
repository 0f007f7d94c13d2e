import { formatNumber } from "./format";

/** What a typed number came to: the value, or why it is not one (Vietnamese). */
export type NumberEntry = { ok: true; value: number } | { ok: false; message: string };

// Spaces of any width, as phones and spreadsheets paste them.
const SPACES = /[\s\u00a0\u202f]/gu;
const GROUPED = /^\d{1,3}(\.\d{3})+$/u;
const PLAIN = /^\d+$/u;
const DECIMALS = /^\d+$/u;

/**
 * Reads a number typed the Vietnamese way: "," is the decimal mark and "." groups thousands
 * ("95,5", "1.234", "1.234,5"). A single "." not followed by exactly three digits ("95.5") is
 * read as a decimal point, as typed on an English keyboard; "1.234" stays one thousand two
 * hundred and thirty-four. A trailing "%" is allowed. Anything else is refused, never guessed.
 */
export function parseVietnameseNumber(input: string): NumberEntry {
  const text = input.normalize("NFC").replace(SPACES, "").replace(/%$/u, "");
  const refused: NumberEntry = {
    ok: false,
    message: `"${input.trim()}" không phải là số. Nhập số kiểu Việt Nam, ví dụ 95,5 hoặc 1.234.`,
  };
  if (text === "") return { ok: false, message: "Chưa nhập số." };
  const negative = text.startsWith("-") || text.startsWith("−");
  const body = negative ? text.slice(1) : text;
  const commas = body.split(",");
  if (commas.length > 2) return refused;
  const [whole = "", fraction] = commas;
  if (fraction !== undefined && !DECIMALS.test(fraction)) return refused;
  let digits: string;
  if (PLAIN.test(whole)) digits = whole;
  else if (GROUPED.test(whole)) digits = whole.replaceAll(".", "");
  else if (fraction === undefined && /^\d+\.\d+$/u.test(whole)) {
    // "1.5" or "95.25": one dot, not a thousands group, and no comma: a decimal point.
    const value = Number(whole);
    return Number.isFinite(value) ? { ok: true, value: negative ? -value : value } : refused;
  } else return refused;
  const value = Number(fraction === undefined ? digits : `${digits}.${fraction}`);
  if (!Number.isFinite(value)) return refused;
  return { ok: true, value: negative && value !== 0 ? -value : value };
}

/** A number as the entry form shows it back: vi-VN, up to six decimals ("1.234,5"). */
export function formatEntryNumber(value: number): string {
  return formatNumber(value, 6);
}
