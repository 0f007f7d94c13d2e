import type { RouterOutputs } from "@datchuan/api";
import { formatDate } from "@datchuan/domain";
import type { ReactNode } from "react";

type Outputs = RouterOutputs;
export type SetSummary = Outputs["criteriaSet"]["list"][number];
export type SetRow = Outputs["criteriaSet"]["get"];
export type Impact = Outputs["criteriaSet"]["previewImpact"];

/** "/THANH-HOA/THO-XUAN/" → "THO-XUAN"; null (national) stays null. */
export function ownerCodeOf(path: string | null | undefined): string | null {
  if (!path) return null;
  const parts = path.split("/").filter(Boolean);
  return parts.at(-1) ?? null;
}

/** vi-VN date, or the open-ended word. */
export function dateOrOpen(date: string | null | undefined, open: string): string {
  return date ? formatDate(date) : open;
}

/** Lets a wide table scroll inside itself instead of widening the page on a phone. */
export function TableScroll({ children }: { children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take the keyboard
    <div style={{ overflowX: "auto", maxWidth: "100%" }} tabIndex={0}>
      {children}
    </div>
  );
}

/** Downloads text as a file (the browser's save), without leaving the page. */
export function downloadText(name: string, text: string, type = "application/json") {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** A checkbox or radio beside its words, not stretched like a text field. */
export const CHOICE_LABEL = {
  display: "flex",
  gap: "0.5rem",
  alignItems: "center",
  fontWeight: 400,
} as const;
export const CHOICE_INPUT = { width: "auto" } as const;
