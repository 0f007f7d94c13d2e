import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DatabaseHandle, openDatabase, prepareDatabase } from "@datchuan/db/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, testApp } from "./testing";

let handle: DatabaseHandle;
let app: ReturnType<typeof testApp>;
let appsDir: string;

beforeAll(async () => {
  handle = await openDatabase({ kind: "pglite-memory" });
  await prepareDatabase(handle, { seedDemoData: true });
  appsDir = await mkdtemp(join(tmpdir(), "datchuan-apps-"));
  for (const name of ["public", "admin"]) {
    await mkdir(join(appsDir, name, "dist", "assets"), { recursive: true });
    await writeFile(
      join(appsDir, name, "dist", "index.html"),
      `<html><body>${name} index</body></html>`,
    );
    await writeFile(join(appsDir, name, "dist", "assets", "app.js"), `console.log("${name}")`);
  }
  // "commune" is deliberately left unbuilt.
  app = testApp(handle, { appsDir });
});

afterAll(async () => {
  await handle?.close();
  await rm(appsDir, { recursive: true, force: true });
});

describe("unit procedures", () => {
  it("serves the tree: province → district → 22 communes", async () => {
    const caller = callerFor(handle.db);
    const tree = await caller.unit.tree({ levels: ["province", "district", "commune"] });
    expect(tree).toHaveLength(1);
    const district = tree[0]?.children[0];
    expect(district?.name).toBe("Thọ Xuân");
    expect(district?.children).toHaveLength(22);
    expect(district?.children.every((c) => c.children.length === 0)).toBe(true);
  });

  it("finds a commune by name without tone marks", async () => {
    const caller = callerFor(handle.db);
    const found = await caller.unit.search({ query: "xuan hoa" });
    expect(found.map((u) => u.code)).toEqual(["THO-XUAN.XUAN-HOA"]);
  });

  it("answers NOT_FOUND with a Vietnamese message for an unknown code", async () => {
    const caller = callerFor(handle.db);
    await expect(caller.unit.byCode({ code: "KHONG-CO" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "Không tìm thấy đơn vị KHONG-CO",
    });
  });

  it("rejects an invalid code before touching the database", async () => {
    const caller = callerFor(handle.db);
    await expect(caller.unit.byCode({ code: "xuan hoa" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });
});

describe("HTTP", () => {
  it("reports health with the database kind", async () => {
    const response = await app.request("/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "pglite" });
  });

  it("serves tRPC over HTTP", async () => {
    const input = encodeURIComponent(JSON.stringify({ code: "THO-XUAN" }));
    const response = await app.request(`/trpc/unit.byCode?input=${input}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { data: { name: string } } };
    expect(body.result.data.name).toBe("Thọ Xuân");
  });

  it.each([
    ["/", "public index"],
    ["/xa/THO-XUAN.XUAN-MINH", "public index"],
    ["/admin/", "admin index"],
    ["/admin/don-vi/THO-XUAN", "admin index"],
  ])("serves %s from the right app, with SPA fallback", async (path, body) => {
    const response = await app.request(path, { headers: { accept: "text/html" } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(body);
  });

  it("serves built assets and 404s missing ones instead of returning index.html", async () => {
    const asset = await app.request("/admin/assets/app.js");
    expect(asset.status).toBe(200);
    expect(await asset.text()).toContain('console.log("admin")');
    expect((await app.request("/admin/assets/missing.js")).status).toBe(404);
    expect(
      (await app.request("/admin/xa/THO-XUAN.XUAN-MINH", { headers: { accept: "*/*" } })).status,
    ).toBe(404);
  });

  it("redirects /admin to /admin/", async () => {
    const response = await app.request("/admin");
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe("/admin/");
  });

  it("explains an app that is not built yet", async () => {
    const response = await app.request("/commune/", { headers: { accept: "text/html" } });
    expect(response.status).toBe(503);
    expect(await response.text()).toContain("chưa được build");
  });
});
