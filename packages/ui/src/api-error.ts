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
}

export function readApiProblem(error: unknown): ApiProblem {
  const data = error instanceof TRPCClientError ? (error as TRPCClientError<AppRouter>).data : null;
  return {
    message: data && error instanceof Error ? error.message : null,
    fieldErrors: data && "fieldErrors" in data ? (data.fieldErrors ?? {}) : {},
  };
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
