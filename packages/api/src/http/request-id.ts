import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { createMiddleware } from "hono/factory";
import pino, { type Logger } from "pino";
import type { AppEnv, RequestFacts } from "./client";

const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/**
 * pino's mixin: a log line written while a request is being handled — by the app, a procedure
 * or a service it calls — carries that request's id, the one its reply shows.
 */
export function requestLogFields(): { requestId?: string } {
  const scope = requestScope.getStore();
  return scope ? { requestId: scope.requestId } : {};
}

/** The server's logger: JSON lines on stdout, each line of a request with its id. */
export function createLogger(level: string): Logger {
  return pino({ level, mixin: requestLogFields });
}

// What a proxy may name a request with: short, and nothing that could forge a log line.
const FORWARDED_ID = /^[\w\-=.:]{1,200}$/u;

/** A request's id: the trusted proxy's, or a new one. */
export function requestIdFor(request: Pick<RequestFacts, "header">, trustProxy: boolean): string {
  const forwarded = trustProxy ? request.header("x-request-id") : undefined;
  return forwarded && FORWARDED_ID.test(forwarded) ? forwarded : randomUUID();
}

/**
 * Names every request (X-Request-Id on the reply, `requestId` in the context and the logs). A
 * proxy's X-Request-Id is kept only behind a trusted proxy, so its logs and ours share the id;
 * from anyone else it is ignored, or a client could choose ids that collide with others'.
 */
export function requestIds(trustProxy: boolean) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const id = requestIdFor(c.req, trustProxy);
    c.set("requestId", id);
    c.header("X-Request-Id", id);
    await requestScope.run({ requestId: id }, next);
  });
}
