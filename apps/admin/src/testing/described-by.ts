/** What a screen reader hears after an input's label: the text of its aria-describedby ids. */
export function describedBy(input: {
  evaluate<R>(read: (element: HTMLElement) => R): Promise<R>;
}): Promise<string> {
  return input.evaluate((element) =>
    (element.getAttribute("aria-describedby") ?? "")
      .split(/\s+/u)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" "),
  );
}
