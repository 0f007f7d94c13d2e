import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEMO_PASSWORD } from "@datchuan/db";
import type { Action } from "@datchuan/domain";
import type { inferRouterInputs } from "@trpc/server";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { type AppRouter, appRouter } from "./root";
import { testApp, testDatabases, useTestDatabase } from "./testing";

type Inputs = inferRouterInputs<AppRouter>;
type ProcedurePath = {
  [R in keyof Inputs]: { [P in keyof Inputs[R]]: `${R & string}.${P & string}` }[keyof Inputs[R]];
}[keyof Inputs];

/**
 * Who may call each procedure: anyone, anyone signed in (finer checks inside), or the holder of
 * an action of the access policy on the unit concerned — each action is walked role × unit in
 * access-matrix.integration.test.ts. A new procedure without a row here fails typecheck and
 * the test below: its access must be decided, not inherited by accident.
 */
const PROCEDURE_ACCESS: Record<ProcedurePath, "public" | "signed_in" | Action> = {
  "audit.list": "audit.read",
  "auth.me": "public",
  "auth.signIn": "public",
  "auth.signOut": "public",
  "auth.changePassword": "signed_in",
  "bulletin.publish": "bulletin.publish",
  "bulletin.list": "bulletin.publish",
  "bulletin.retract": "bulletin.publish",
  "commune.home": "value.read_draft",
  "commune.scorecard": "value.read_draft",
  "commune.criterionHistory": "value.read_draft",
  "criteriaSet.list": "public",
  "criteriaSet.get": "public",
  "criteriaSet.createDraft": "criteria_set.manage",
  "criteriaSet.updateDraft": "criteria_set.manage",
  "criteriaSet.publish": "criteria_set.manage",
  "criteriaSet.reevaluation": "criteria_set.manage",
  "criteriaSet.previewImpact": "criteria_set.manage",
  "criteriaSet.thresholdWorklist": "signed_in",
  "criteriaSet.verifyThreshold": "criteria_set.manage",
  "planning.registrations": "public",
  "planning.register": "target.manage",
  "planning.targets": "public",
  "planning.setTarget": "target.manage",
  // Its officer or an admin over the commune (report.submit or target.manage): checked inside.
  "planning.tasks": "value.read_draft",
  "planning.saveTask": "signed_in",
  "planning.deleteTask": "signed_in",
  "recognition.lifecycle": "value.read_draft",
  "recognition.saveRoadmapStep": "signed_in",
  "recognition.deleteRoadmapStep": "signed_in",
  "recognition.saveDossierItem": "signed_in",
  "recognition.sendToAppraisal": "target.manage",
  "recognition.recordAppraisal": "signed_in",
  "recognition.recordDecision": "target.manage",
  "recognition.recordRevocation": "target.manage",
  "report.saveValue": "value.enter",
  "report.submit": "report.submit",
  "report.review": "value.review",
  "report.reopen": "report.reopen",
  "report.get": "public",
  "report.schedule": "public",
  "report.setSchedule": "period.manage",
  "report.evidenceFiles": "value.read_draft",
  "report.deleteEvidence": "value.enter",
  "report.history": "public",
  "report.states": "value.read_draft",
  "report.inbox": "value.review",
  "report.reviewSheet": "value.read_draft",
  "report.acceptRemaining": "value.review",
  "report.entrySets": "value.read_draft",
  "report.entry": "value.read_draft",
  "review.standing": "public",
  "review.progress": "public",
  "review.report": "public",
  "review.districtConditions": "public",
  "unit.tree": "public",
  "unit.list": "public",
  "unit.byCode": "public",
  "unit.children": "public",
  "unit.search": "public",
  "unit.create": "unit.manage",
  "unit.update": "unit.manage",
  "unit.attributes": "public",
  "unit.attributeHistory": "public",
  "unit.setAttribute": "unit.manage",
  "unit.clusters": "public",
  "unit.createCluster": "unit.manage",
  "unit.updateCluster": "unit.manage",
  "unit.deleteCluster": "unit.manage",
  "unit.move": "unit.manage",
  "unit.close": "unit.manage",
  "unit.merge": "unit.manage",
  "unit.split": "unit.manage",
  "unit.lineage": "public",
  "unit.successors": "public",
  "unit.previewImport": "unit.manage",
  "unit.import": "unit.manage",
  "user.list": "user.manage",
  "user.create": "user.manage",
  "user.update": "user.manage",
  "user.setDisabled": "user.manage",
  "user.resetPassword": "user.manage",
};

type ProcedureDef = { type: string; inputs: Array<{ _zod: { def: SchemaDef } }> };
const procedures = Object.entries(
  (appRouter as unknown as { _def: { procedures: Record<string, { _def: ProcedureDef }> } })._def
    .procedures,
).map(([path, procedure]) => ({
  path,
  type: procedure._def.type as "query" | "mutation",
  input: procedure._def.inputs[0]?._zod.def,
}));

describe("every procedure has its access decided", () => {
  it("the table names exactly the router's procedures", () => {
    expect(Object.keys(PROCEDURE_ACCESS).sort()).toEqual(procedures.map((p) => p.path).sort());
  });
});

// Strings an attacker tries: control and invisible characters, traversal, markup, SQL, huge.
const hostileString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc
    .tuple(fc.string({ maxLength: 8 }), fc.constantFrom("\u0000", "\u202E", "\u200B", "\u0007"))
    .map(([text, bad]) => `${text}${bad}${text}`),
  fc.constantFrom(
    "\u0000",
    "a\u0000b",
    "\u202Efdp.exe",
    "\u200B",
    "../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "%2e%2e%2f",
    "<script>alert(1)</script>",
    "' or 1=1 --",
    "2023-02-30",
    "2023-13-01",
    "0000-00-00",
    "9999-99-99T99:99:99Z",
    "NaN",
    "Infinity",
    "-0",
    "",
    " ",
  ),
  fc.constant("x".repeat(3_000)),
);
const hostileNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE, 2 ** 53 + 1, -1, 0, 1e308, 1e-308),
);
const hostileLeaf = fc.oneof(hostileString, hostileNumber, fc.boolean(), fc.constant(null));
const deepNesting = fc
  .integer({ min: 20, max: 200 })
  .map((depth) => JSON.parse(`${"[".repeat(depth)}1${"]".repeat(depth)}`) as unknown);
// Keys procedures read, so values go past the first field check into the procedure.
const KEYS = [
  "code",
  "unitCode",
  "parentCode",
  "scopeCode",
  "setId",
  "id",
  "valueId",
  "reportId",
  "period",
  "indicatorCode",
  "username",
  "password",
  "name",
  "validFrom",
  "effectiveFrom",
  "expectedRowVersion",
  "value",
  "definition",
  "query",
  "date",
];
const hostileObject = fc.dictionary(
  fc.constantFrom(...KEYS),
  fc.oneof(hostileLeaf, fc.array(hostileLeaf, { maxLength: 3 }), fc.object({ maxDepth: 2 })),
  { maxKeys: 6 },
);

/** Zod's definition of a schema, as far as the generator below reads it. */
interface SchemaDef {
  type: string;
  shape?: Record<string, { _zod: { def: SchemaDef } }>;
  options?: Array<{ _zod: { def: SchemaDef } }>;
  innerType?: { _zod: { def: SchemaDef } };
  in?: { _zod: { def: SchemaDef } };
  element?: { _zod: { def: SchemaDef } };
  entries?: Record<string, string>;
  values?: unknown[];
}

/**
 * Inputs shaped like what a procedure takes — its fields, unions and enums — with hostile
 * strings and numbers in the leaves, so one bad field reaches the procedure past the others.
 */
function shapedLike(def: SchemaDef, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 6) return hostileLeaf;
  const inner = (schema: { _zod: { def: SchemaDef } }) => shapedLike(schema._zod.def, depth + 1);
  switch (def.type) {
    case "object":
      return fc.record(
        Object.fromEntries(Object.entries(def.shape!).map(([k, v]) => [k, inner(v)])),
      );
    case "union":
      return fc.oneof(...def.options!.map(inner));
    case "optional":
    case "nullable":
    case "default":
    case "readonly":
    case "catch":
      return fc.oneof(fc.constant(null), inner(def.innerType!));
    case "pipe":
      return inner(def.in!);
    case "array":
      return fc.array(inner(def.element!), { maxLength: 3 });
    case "enum":
      return fc.oneof(fc.constantFrom(...Object.values(def.entries!)), hostileString);
    case "literal":
      return fc.constantFrom(...def.values!);
    case "string":
      return hostileString;
    case "number":
    case "int":
      return hostileNumber;
    case "boolean":
      return fc.boolean();
    default:
      return hostileInput;
  }
}

const hostileInput: fc.Arbitrary<unknown> = fc.oneof(
  hostileObject,
  hostileLeaf,
  deepNesting,
  fc.anything({ maxDepth: 3, withNullPrototype: true }),
);

const INSIDE =
  /"stack"|\/work\/|node_modules|\.ts:\d+|\bselect\b.+\bfrom\b|\binsert into\b|\bupdate\b.+\bset\b|violates|relation "/isu;

describe.each(await testDatabases())("on $name", (database) => {
  const env = useTestDatabase(database);
  let app: ReturnType<typeof testApp>;
  let cookie: string;
  // Built apps of one page each, beside a file that must never be served.
  const appsDir = mkdtempSync(join(tmpdir(), "datchuan-apps-"));
  for (const name of ["public", "admin", "commune"]) {
    mkdirSync(join(appsDir, name, "dist"), { recursive: true });
    writeFileSync(
      join(appsDir, name, "dist", "index.html"),
      `<!doctype html><title>${name}</title>`,
    );
  }
  writeFileSync(join(appsDir, "secret.txt"), "BI-MAT");
  beforeAll(async () => {
    app = testApp(env.handle, { appsDir });
    const response = await app.request("/trpc/auth.signIn", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "quantri", password: DEMO_PASSWORD }),
    });
    cookie = response.headers.get("set-cookie")!.split(";")[0]!;
  });

  function call(path: string, type: "query" | "mutation", input: unknown, withCookie: boolean) {
    const headers: Record<string, string> = withCookie ? { cookie } : {};
    if (type === "query") {
      const query =
        input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
      return app.request(`/trpc/${path}${query}`, { headers });
    }
    return app.request(`/trpc/${path}`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify(input) ?? "",
    });
  }

  it.each(procedures)("the public gets $path only where it is public", async ({ path, type }) => {
    const response = await call(path, type, {}, false);
    const body = (await response.json()) as { error?: { data: { code: string } } };
    const access = PROCEDURE_ACCESS[path as ProcedurePath];
    if (access === "public") expect(body.error?.data.code).not.toBe("UNAUTHORIZED");
    else expect(body.error?.data.code).toBe("UNAUTHORIZED");
  });

  // Signing out mid-run would leave the rest anonymous; it is fuzzed anonymously.
  const signedIn = procedures.filter((p) => p.path !== "auth.signOut");
  it.each([
    ...procedures.map((p) => ({ ...p, as: "the public" })),
    ...signedIn.map((p) => ({ ...p, as: "a system admin" })),
  ])("$path, called by $as with hostile input: no 5xx, nothing of the inside", async (p) => {
    await fc.assert(
      fc.asyncProperty(
        p.input ? fc.oneof(shapedLike(p.input), hostileInput) : hostileInput,
        async (input) => {
          const response = await call(p.path, p.type, input, p.as !== "the public");
          const text = await response.text();
          expect(response.status, text).toBeLessThan(500);
          expect(text).not.toMatch(INSIDE);
        },
      ),
      { numRuns: 12 },
    );
  });

  it.each([
    ["GET", "/files/evidence/..%2f..%2fetc%2fpasswd"],
    ["GET", "/files/evidence/not-a-uuid"],
    ["GET", "/files/evidence/00000000-0000-4000-8000-000000000000"],
    ["POST", "/files/evidence/not-a-uuid"],
    ["GET", "/data/v1/units/THO-XUAN/standing.csv?date=2023-13-45&set=%00"],
    ["GET", "/data/v1/units/..%2f..%2fetc%2fpasswd/standing.json"],
    ["GET", "/data/v1/units/THO-XUAN/standing.json?set=ntm-xa-2021-2025'%3B--"],
    ["GET", "/data/v1/units/%E2%80%AETHO-XUAN/failing-criteria.json"],
    ["POST", "/data/v1/units/THO-XUAN/standing.json"],
    ["GET", "/data/v1/home.json?date=2023-02-30"],
    ["GET", "/data/v1/units/..%2f..%2fetc%2fpasswd/scorecard.json"],
    ["GET", "/data/v1/units/%E2%80%AETHO-XUAN/overview.json?date=%00"],
    ["GET", "/data/v1/units/THO-XUAN.XUAN-MINH/scorecard.json?date=9999-99-99"],
    ["GET", "/data/v1/criteria/ntm-xa-2021-2025/99999.json?scope=THO-XUAN"],
    ["GET", "/data/v1/criteria/..%2f/1.json?scope=%27%3B--"],
    ["GET", "/data/v1/search.json?q=%E2%80%8Bxuan"],
    ["GET", `/data/v1/search.json?q=${"x".repeat(5000)}`],
    ["GET", "/data/v1/search.json?q=%25_%5C"],
    ["POST", "/data/v1/search.json?q=xuan"],
    ["GET", "/admin/../../../etc/passwd"],
    ["GET", "/%2e%2e/%2e%2e/etc/passwd"],
    ["GET", "/../secret.txt"],
    ["GET", "/%2e%2e/secret.txt"],
    ["GET", "/admin/..%2f..%2fsecret.txt"],
    ["GET", "/commune/%2e%2e%2f%2e%2e%2fsecret.txt"],
    ["GET", "/commune/%00"],
    ["DELETE", "/health"],
    ["DELETE", "/ready"],
    ["GET", "/ready?%00=%E2%80%AE"],
    ["GET", "/trpc/khong.ton.tai"],
    ["GET", "/trpc/unit.tree?input=%7Bkh%C3%B4ng-ph%E1%BA%A3i-json"],
  ])("%s %s as a system admin: no 5xx, nothing of the inside", async (method, path) => {
    const response = await app.request(path, {
      method,
      headers: { cookie, accept: "text/html", "content-type": "application/json" },
      ...(method === "POST" ? { body: "{}" } : {}),
    });
    expect(response.status).toBeLessThan(500);
    const text = await response.text();
    expect(text).not.toMatch(INSIDE);
    expect(text).not.toContain("root:");
    expect(text).not.toContain("BI-MAT");
  });
});
