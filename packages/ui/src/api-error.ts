import type { AppRouter } from "@datchuan/api";
import { TRPCClientError } from "@trpc/client";

/**
 * What a form shows of a failed call: the server's Vietnamese message (a throttled sign-in's
 * already says how long to wait) and per-field messages.
 */
export interface ApiProblem {
  /** The server's message, or null when no server answered (offline, proxy error). */
  message: string | null;
  fieldErrors: Record<string, string[] | undefined>;
  /** Every field message with its whole path ("criteria.0.indicators.1.name"). */
  issues: Array<{ path: string; message: string }>;
}

export function readApiProblem(error: unknown): ApiProblem {
  const data = error instanceof TRPCClientError ? (error as TRPCClientError<AppRouter>).data : null;
  return {
    message: data && error instanceof Error ? error.message : null,
    fieldErrors: data && "fieldErrors" in data ? (data.fieldErrors ?? {}) : {},
    issues: data && "issues" in data ? (data.issues ?? []) : [],
  };
}

/**
 * Puts each of a refusal's field messages where the form shows that field: `place` is given a
 * message's path (with a `pathPrefix` of the request, such as "definition.", taken off) and says
 * whether the form has that field. What is left — the messages of no field, or the server's
 * message when no field took one, or `noServer` when none answered — is for the summary.
 */
export function placeServerErrors(
  error: unknown,
  place: (path: string, message: string) => boolean,
  options: { pathPrefix?: string; noServer: string },
): string[] {
  const problem = readApiProblem(error);
  if (problem.message === null) return [options.noServer];
  const prefix = options.pathPrefix ?? "";
  const issues = problem.issues.length
    ? problem.issues
    : Object.entries(problem.fieldErrors).flatMap(([path, messages]) =>
        (messages ?? []).map((message) => ({ path, message })),
      );
  const left: string[] = [];
  let placed = 0;
  for (const issue of issues) {
    const path = issue.path.startsWith(prefix) ? issue.path.slice(prefix.length) : issue.path;
    if (path && place(path, issue.message)) placed++;
    else left.push(issue.message);
  }
  if (left.length === 0 && placed === 0) left.push(problem.message);
  return left;
}

/** The tRPC code of a server's refusal ("UNAUTHORIZED", …), or null for any other failure. */
export function apiErrorCode(error: unknown): string | null {
  return error instanceof TRPCClientError
    ? ((error.data?.code as string | undefined) ?? null)
    : null;
}

/** A 4xx answer will not change by asking again; only failures of the link or server might. */
export function isRefusal(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const status = error.data?.httpStatus;
  return typeof status === "number" && status >= 400 && status < 500;
}

/**
 * What a page says when its data did not load: the server's own sentence when it answered (a
 * refusal — no access, no such unit, bad input — or its failure with a request id to quote),
 * null when no server answered, so the page asks to check the connection.
 */
export function loadFailureMessage(error: unknown): string | null {
  return readApiProblem(error).message;
}
