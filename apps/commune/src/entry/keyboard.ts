import type { KeyboardEvent } from "react";

/** Enter moves to the next field, as Tab does: clerks type column after column. */
export function enterMovesOn(event: KeyboardEvent<HTMLFormElement>) {
  const target = event.target as HTMLElement;
  if (
    event.key !== "Enter" ||
    !(target instanceof HTMLInputElement || target instanceof HTMLSelectElement)
  )
    return;
  event.preventDefault();
  const fields = [
    ...event.currentTarget.querySelectorAll<HTMLElement>(
      "input:not([disabled]), select:not([disabled]), button:not([disabled])",
    ),
  ];
  fields[fields.indexOf(target) + 1]?.focus();
}
