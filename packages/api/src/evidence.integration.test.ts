import { DEMO_PASSWORD } from "@datchuan/db";
import { type DatabaseHandle, openDatabase, prepareDatabase } from "@datchuan/db/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "./testing";

let handle: DatabaseHandle;
let app: ReturnType<typeof testApp>;
const cookies: Record<string, string> = {};

async function trpc(path: string, body: unknown, cookie?: string) {
  const response = await app.request(`/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  return {
    response,
    body: (await response.json()) as { result?: { data: never }; error?: { message: string } },
  };
}

beforeAll(async () => {
  handle = await openDatabase({ kind: "pglite-memory" });
  await prepareDatabase(handle, { seedDemoData: true });
  app = testApp(handle);
  for (const username of ["xa.xuanminh", "yte.thoxuan", "quantri"]) {
    const { response } = await trpc("auth.signIn", { username, password: DEMO_PASSWORD });
    cookies[username] = response.headers.get("set-cookie")!.split(";")[0]!;
  }
});
afterAll(async () => {
  await handle?.close();
});

const key = { unitCode: "THO-XUAN.XUAN-MINH", setId: "ntm-xa-2021-2025", period: "2024" };
const pdf = new TextEncoder().encode("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

function upload(valueId: string, file: Blob, name: string, cookie?: string) {
  const form = new FormData();
  form.append("file", file, name);
  return app.request(`/files/evidence/${valueId}`, {
    method: "POST",
    body: form,
    headers: cookie ? { cookie } : {},
  });
}

describe("evidence files", () => {
  let valueId: string;

  it("attaches a PDF to a draft value and lets readers of the unit download it", async () => {
    const { body } = await trpc(
      "report.saveValue",
      {
        ...key,
        indicatorCode: "3.2",
        value: { kind: "boolean", period: "2024", value: true },
        expectedRowVersion: null,
      },
      cookies["xa.xuanminh"],
    );
    valueId = (body.result!.data as { value: { id: string } }).value.id;
    const response = await upload(
      valueId,
      new Blob([pdf], { type: "application/pdf" }),
      "Biên bản kiểm tra.pdf",
      cookies["xa.xuanminh"],
    );
    expect(response.status).toBe(201);
    const saved = (await response.json()) as { id: string; fileName: string; size: number };
    expect(saved).toMatchObject({ fileName: "Biên bản kiểm tra.pdf", size: pdf.length });

    for (const reader of ["xa.xuanminh", "yte.thoxuan"]) {
      const download = await app.request(`/files/evidence/${saved.id}`, {
        headers: { cookie: cookies[reader]! },
      });
      expect(download.status).toBe(200);
      expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf);
      expect(download.headers.get("content-disposition")).toContain(
        encodeURIComponent("Biên bản kiểm tra.pdf"),
      );
    }
    expect((await app.request(`/files/evidence/${saved.id}`)).status).toBe(401);

    const list = await app.request(
      `/trpc/report.evidenceFiles?input=${encodeURIComponent(JSON.stringify({ valueId }))}`,
      {
        headers: { cookie: cookies["xa.xuanminh"]! },
      },
    );
    expect(((await list.json()) as { result: { data: unknown[] } }).result.data).toHaveLength(1);
  });

  it.each([
    [
      "a text file named .pdf",
      () => new Blob(["chỉ là chữ"], { type: "application/pdf" }),
      "gia.pdf",
      415,
    ],
    ["an empty file", () => new Blob([]), "rong.pdf", 400],
    ["a file over 10 MB", () => new Blob([pdf, new Uint8Array(10 * 1024 * 1024)]), "lon.pdf", 413],
  ])("refuses %s", async (_label, makeFile, name, status) => {
    const response = await upload(valueId, makeFile(), name, cookies["xa.xuanminh"]);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { message: string } }).error.message).toMatch(
      /Tệp|Chỉ nhận/u,
    );
  });

  it("refuses uploads from the public and from people outside the unit", async () => {
    expect((await upload(valueId, new Blob([pdf]), "a.pdf")).status).toBe(401);
    expect((await upload(valueId, new Blob([pdf]), "a.pdf", cookies["yte.thoxuan"])).status).toBe(
      403,
    );
  });

  it("refuses new files once the value is submitted", async () => {
    const current = await app.request(
      `/trpc/report.get?input=${encodeURIComponent(JSON.stringify(key))}`,
      {
        headers: { cookie: cookies["xa.xuanminh"]! },
      },
    );
    const report = (
      (await current.json()) as { result: { data: { report: { rowVersion: number } } } }
    ).result.data.report;
    await trpc(
      "report.submit",
      { ...key, expectedRowVersion: report.rowVersion },
      cookies["xa.xuanminh"],
    );
    expect(
      (await upload(valueId, new Blob([pdf]), "muon.pdf", cookies["xa.xuanminh"])).status,
    ).toBe(409);
  });
});
