import { type Database, isDatabaseUnavailable } from "@datchuan/db";
import {
  type AccessTarget,
  type Action,
  can,
  findForbiddenCharacter,
  type RoleAssignment,
} from "@datchuan/domain";
import { initTRPC, TRPCError } from "@trpc/server";
import { z } from "zod";
import { markPublishedDataChanged } from "./services/published";

// Messages zod writes itself (a field of the wrong type, …) come out in Vietnamese too.
z.config(z.locales.vi());

/** The signed-in person, with every role they hold. */
export interface Viewer {
  id: string;
  username: string;
  displayName: string;
  version: number;
  roles: RoleAssignment[];
}

/** Where procedures write the session cookie; HTTP sets a real cookie, tests record calls. */
export interface SessionCookie {
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

/**
 * What every procedure receives. Built from plain dependencies so tests need no HTTP.
 * A type alias, not an interface: @hono/trpc-server requires a Record-compatible context.
 */
export type Context = {
  db: Database;
  viewer: Viewer | null;
  sessionTokenHash: string | null;
  sessionCookie: SessionCookie;
  /** The client's address (behind a trusted proxy, the one it forwarded); keys the throttle. */
  clientAddress: string;
  /** Names the request in logs; a 500 shows it so an operator can find the detail. */
  requestId: string;
  /** How many calls came in this HTTP request (tRPC batches several). */
  callsInRequest: number;
  /** The one clock: "today" is `vietnamDate(now())`. Tests pass a fixed instant. */
  now: () => Date;
};

/** What a request is told while the database cannot be reached (503: try again shortly). */
export function databaseUnavailableMessage(requestId: string): string {
  return `Không kết nối được cơ sở dữ liệu. Vui lòng thử lại sau ít phút; nếu vẫn lỗi, báo quản trị mã yêu cầu ${requestId}.`;
}

/** The real clock, for the server. */
export const systemClock = (): Date => new Date();

const t = initTRPC.context<Context>().create({
  // Never development mode: error replies carry no stack traces or source paths, in any
  // environment. The detail of an unexpected error goes to the log only.
  isDev: false,
  errorFormatter({ shape, error, ctx }) {
    const cause = error.cause;
    if (error.code === "INTERNAL_SERVER_ERROR") {
      const id = ctx?.requestId ?? "?";
      return {
        ...shape,
        message: `Lỗi máy chủ. Vui lòng thử lại; nếu vẫn lỗi, báo quản trị mã yêu cầu ${id}.`,
        data: { code: shape.data.code, httpStatus: shape.data.httpStatus, requestId: id },
      };
    }
    const issues = fieldIssues(cause);
    return {
      ...shape,
      message: readableMessage(error) ?? shape.message,
      data: {
        ...shape.data,
        // Field-level messages for forms: { "username": ["Tên đăng nhập …"] }.
        fieldErrors: issues ? topLevelFieldErrors(issues) : undefined,
        // The same messages with their whole path ("criteria.0.indicators.2.thresholds.0.value"),
        // so a form over nested lists can put each beside its own input.
        issues,
        conflict: cause instanceof ConflictError ? cause.current : undefined,
        retryAfterSeconds: cause instanceof ThrottledError ? cause.retryAfterSeconds : undefined,
      },
    };
  },
});

/**
 * What a refusal says when its own message is not for people: input failing a schema (zod's
 * issues as a JSON dump: each issue's Vietnamese message, with the field it is about), and
 * tRPC's own refusals in English with the parser's words (malformed JSON, no such procedure, a
 * query posted, too big a batch). Null keeps the message, as every refusal of ours words it.
 */
function readableMessage(error: TRPCError): string | null {
  const cause = error.cause;
  // Only where the message is the cause's own: a refusal of ours worded it already.
  const fromCause = cause !== undefined && error.message === cause.message;
  if (fromCause && cause instanceof z.ZodError)
    return cause.issues
      .map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ` : "") + issue.message)
      .join("; ");
  if (fromCause && cause.name === "SyntaxError") return "Dữ liệu gửi lên không phải JSON hợp lệ.";
  if (error.code === "METHOD_NOT_SUPPORTED")
    return "Thủ tục này không nhận phương thức HTTP đã dùng (đọc bằng GET, ghi bằng POST).";
  if (error.code === "NOT_FOUND" && error.message.startsWith("No procedure found"))
    return "Không có thủ tục này trên máy chủ.";
  if (error.message === "Batch call exceeds maximum size")
    return "Yêu cầu gộp quá nhiều lệnh; hãy gửi ít lệnh hơn.";
  return null;
}

/** A refusal to try again later: carries how long to wait, for the sign-in screen to show. */
export class ThrottledError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/** A write that lost a race: carries the value now stored so the client can show it. */
export class ConflictError extends Error {
  constructor(
    message: string,
    readonly current: unknown,
  ) {
    super(message);
  }
}

interface FieldIssue {
  path: string;
  message: string;
}

/**
 * A zod error's issues as dotted paths and messages, for forms to place. A zod 4 error is no
 * `Error`, so tRPC hands it over as a copy of its fields: it is known by its issues' shape.
 */
function fieldIssues(cause: unknown): FieldIssue[] | undefined {
  const issues =
    cause instanceof z.ZodError ? cause.issues : (cause as { issues?: unknown })?.issues;
  if (!Array.isArray(issues) || issues.length === 0) return undefined;
  const placed: FieldIssue[] = [];
  for (const issue of issues) {
    if (!issue || typeof issue !== "object") return undefined;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    if (!Array.isArray(path) || typeof message !== "string") return undefined;
    placed.push({ path: path.map(String).join("."), message });
  }
  return placed;
}

/** `{ username: ["…"] }`: the messages by first path segment, as z.flattenError gives them. */
function topLevelFieldErrors(issues: FieldIssue[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of issues) {
    const [field] = issue.path.split(".");
    if (!field) continue;
    out[field] = [...(out[field] ?? []), issue.message];
  }
  return out;
}

/**
 * A refusal that names the fields it concerns. A zod 4 error is no `Error`, and tRPC keeps only
 * the enumerable fields of any other cause (a zod error's issues are not), so refusals carry
 * their issues in this.
 */
export class FieldRefusalError extends Error {
  constructor(
    message: string,
    readonly issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>,
  ) {
    super(message);
  }
}

/**
 * Refuses a request because of one field's value (a username already taken, a unit not found):
 * the message is the error's and also the field's, so the form shows it beside that input.
 */
export function refuseField(
  code: "BAD_REQUEST" | "CONFLICT" | "NOT_FOUND" | "FORBIDDEN",
  path: string,
  message: string,
): never {
  throw new TRPCError({
    code,
    message,
    cause: new FieldRefusalError(message, [{ path: path.split("."), message }]),
  });
}

/** A zod error's issues as a refusal's cause: tRPC would drop them from the error itself. */
export function zodRefusalCause(error: z.ZodError): FieldRefusalError {
  return new FieldRefusalError(error.message, error.issues);
}

/** Answers a lost race: CONFLICT, with the value now stored for the client to show. */
export function throwConflict(message: string, current: unknown): never {
  throw conflictError(message, current);
}

/** The error `throwConflict` throws, for a refusal settled without throwing (one of many saves). */
export function conflictError(message: string, current: unknown): TRPCError {
  return new TRPCError({ code: "CONFLICT", message, cause: new ConflictError(message, current) });
}

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** The deepest input any procedure takes is a criteria set, a handful of levels deep. */
const MAX_INPUT_DEPTH = 32;

/**
 * Refuses, before any procedure's schema sees it, input that no field may hold: control and
 * invisible characters in any string or key (NUL cannot be stored, U+202E reorders a file name),
 * and nesting deeper than any real input.
 */
function findUnsafeInput(value: unknown, path: string, depth: number): string | null {
  if (typeof value === "string") {
    const found = findForbiddenCharacter(value);
    return found
      ? `Trường "${path || "dữ liệu"}" chứa ký tự điều khiển hoặc ký tự ẩn (${found}).`
      : null;
  }
  if (value === null || typeof value !== "object") return null;
  if (depth > MAX_INPUT_DEPTH) return "Dữ liệu gửi lên lồng nhau quá sâu.";
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    const problem =
      (findForbiddenCharacter(key) ? `Tên trường "${at}" chứa ký tự không hợp lệ.` : null) ??
      findUnsafeInput(item, at, depth + 1);
    if (problem) return problem;
  }
  return null;
}

const baseProcedure = t.procedure.use(async ({ ctx, getRawInput, next, type }) => {
  const problem = findUnsafeInput(await getRawInput(), "", 0);
  if (problem) throw new TRPCError({ code: "BAD_REQUEST", message: problem });
  const result = await next();
  // The database away (PostgreSQL stopped, the network cut) is a 503 to retry, not a 500.
  if (!result.ok && isDatabaseUnavailable(result.error)) {
    throw new TRPCError({
      code: "SERVICE_UNAVAILABLE",
      message: databaseUnavailableMessage(ctx.requestId),
      cause: result.error,
    });
  }
  // Accept, reopen, publish, renames…: the public routes' cached replies may now be stale.
  if (type === "mutation" && result.ok) markPublishedDataChanged();
  return result;
});

/** Anyone, signed in or not: only published, non-personal data. */
export const publicProcedure = baseProcedure;

/** Anyone signed in; finer checks go through `authorize`. */
export const authedProcedure = baseProcedure.use(({ ctx, next }) => {
  if (!ctx.viewer) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Bạn cần đăng nhập để làm việc này." });
  }
  return next({ ctx: { ...ctx, viewer: ctx.viewer } });
});

/** Throws FORBIDDEN unless one of the viewer's roles allows `action` on `target`. */
export function authorize(viewer: Viewer, action: Action, target: AccessTarget): void {
  if (!can(viewer.roles, action, target)) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "Bạn không có quyền thực hiện thao tác này tại đơn vị này.",
    });
  }
}
