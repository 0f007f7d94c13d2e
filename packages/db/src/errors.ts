/** True when `error` (or its cause: drizzle wraps driver errors) violates the named unique key. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    const { code, constraint: name } = current as { code?: string; constraint?: string };
    if (code === "23505") return name === undefined || name === constraint;
  }
  return false;
}

/** node-postgres and the OS say the server is gone in these words rather than with a SQLSTATE. */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly|the database system is (starting up|shutting down)/iu;
const UNAVAILABLE_ERRNO = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * True when `error` (or a cause) says the database cannot be reached right now (PostgreSQL
 * stopped, restarting, or the network to it cut), not that the query was wrong: the request
 * may succeed once the database is back. SQLSTATE class 08 is "connection exception"; 57P01–03
 * are an administrator's shutdown and a server not yet accepting connections.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === "string") {
      if (code.startsWith("08") && code.length === 5) return true;
      if (code === "57P01" || code === "57P02" || code === "57P03") return true;
      if (UNAVAILABLE_ERRNO.has(code)) return true;
    }
    if (typeof message === "string" && UNAVAILABLE_MESSAGE.test(message)) return true;
    // An AggregateError (connecting to every address of a host failed) holds the reasons.
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.some(isDatabaseUnavailable)) return true;
  }
  return false;
}
