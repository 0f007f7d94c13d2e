/**
 * What evidence files (minh chứng) the server takes: the page shows these before an upload and
 * refuses a file that breaks them without sending it; the server checks again from the bytes.
 */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

/** Each accepted kind, its name for people, and the extensions a file of that kind may carry. */
export const EVIDENCE_TYPES: ReadonlyArray<{
  mime: string;
  label: string;
  extensions: readonly string[];
}> = [
  { mime: "application/pdf", label: "PDF", extensions: ["pdf"] },
  { mime: "image/jpeg", label: "JPEG", extensions: ["jpg", "jpeg"] },
  { mime: "image/png", label: "PNG", extensions: ["png"] },
  { mime: "image/webp", label: "WebP", extensions: ["webp"] },
  {
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    label: "Word",
    extensions: ["docx"],
  },
  {
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    label: "Excel",
    extensions: ["xlsx"],
  },
  { mime: "application/x-cfb", label: "Word/Excel 97–2003", extensions: ["doc", "xls"] },
];

/** The names of the accepted kinds, once each: "PDF, JPEG, PNG, …". */
export const EVIDENCE_TYPE_LABELS = [...new Set(EVIDENCE_TYPES.map((type) => type.label))];

/** The extension of a file name, lower case, without the dot ("" when it has none). */
export function fileExtension(name: string): string {
  return name.includes(".") ? name.split(".").at(-1)!.toLowerCase() : "";
}

/**
 * Why a file cannot be sent as evidence, judged from its name and size before it is read, or
 * null. The same words as the server's refusals.
 */
export function evidenceFileProblem(file: { name: string; size: number }): string | null {
  if (file.size === 0) return "Tệp rỗng.";
  if (file.size > EVIDENCE_MAX_BYTES) return "Tệp quá lớn: tối đa 10 MB.";
  const extension = fileExtension(file.name);
  if (!EVIDENCE_TYPES.some((type) => type.extensions.includes(extension)))
    return `Chỉ nhận tệp ${EVIDENCE_TYPE_LABELS.join(", ")}.`;
  return null;
}
