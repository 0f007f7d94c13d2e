/** True when `error` (or its cause: drizzle wraps driver errors) violates the named unique key. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    const { code, constraint: name } = current as { code?: string; constraint?: string };
    if (code === "23505") return name === undefined || name === constraint;
  }
  return false;
}
