import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningServer, startServer } from "@datchuan/api/server";
import pino from "pino";
import { type BrowserContext, chromium, type Page } from "playwright-core";

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const BROWSER_REQUIRED = process.env.DATCHUAN_REQUIRE_BROWSER === "1";

/**
 * Whether browser tests can run here. Without chromium they are skipped with a message on
 * stderr, except where DATCHUAN_REQUIRE_BROWSER=1 (CI), where that is an error.
 */
export function browserTestsEnabled(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  const message = `Browser tests skipped: no chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH).`;
  if (BROWSER_REQUIRED) throw new Error(`${message} Required: DATCHUAN_REQUIRE_BROWSER=1.`);
  console.warn(message);
  return false;
}

export interface E2eSession {
  server: RunningServer;
  browser: BrowserContext;
  /** Script errors and console errors (a resource the Content-Security-Policy blocked…). */
  problems: string[];
  /**
   * Removes and returns the problems matching `pattern`: for a test that provokes one on purpose
   * (Chromium logs every 401 answer, such as a wrong password's) and checks it happened.
   */
  takeProblems(pattern: RegExp): string[];
  /** Stops everything; fails if any page met a problem, so no test can miss one. */
  close(): Promise<void>;
}

/** Which demo data a session's server loads: the light demo by default, "full" for its history. */
export type E2eDemo = Parameters<typeof startServer>[0]["seedDemoData"];

/**
 * The whole system as a user meets it: a server with demo data on a fresh embedded database.
 * `demo: "full"` adds the accepted reports behind the May 2023 review (seconds more to seed).
 */
export async function startE2eSession(options: { demo?: E2eDemo } = {}): Promise<E2eSession> {
  const dataDir = await mkdtemp(join(tmpdir(), "datchuan-e2e-data-"));
  const profileDir = await mkdtemp(join(tmpdir(), "datchuan-e2e-profile-"));
  const server = await startServer({
    port: 0,
    host: "127.0.0.1",
    database: { kind: "pglite", dataDir },
    seedDemoData: options.demo ?? true,
    logger: pino({ level: "silent" }),
  });
  // playwright-core refuses --user-data-dir in launch(); a persistent context takes the folder.
  const browser = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    locale: "vi-VN",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
      "--no-first-run",
    ],
  });
  // Playwright's 30 s per action and navigation races a loaded 2-core machine (eight suites
  // sharing it); waits end when the state appears, so a longer bound only delays real failures.
  browser.setDefaultTimeout(90_000);
  browser.setDefaultNavigationTimeout(90_000);
  const problems: string[] = [];
  browser.on("page", (page) => {
    page.on("pageerror", (error) => problems.push(`${page.url()}: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`${page.url()}: ${message.text()}`);
    });
  });
  return {
    server,
    browser,
    problems,
    takeProblems(pattern) {
      const taken = problems.filter((problem) => pattern.test(problem));
      const kept = problems.filter((problem) => !pattern.test(problem));
      problems.splice(0, problems.length, ...kept);
      return taken;
    },
    async close() {
      await browser.close();
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
      await rm(profileDir, { recursive: true, force: true });
      if (problems.length > 0) throw new Error(`Pages met problems:\n${problems.join("\n")}`);
    },
  };
}

/** The password of every demo account (published in the README). */
export const DEMO_PASSWORD = "datchuan-demo";

/** Fills and sends the sign-in form shown on `page` (the page or the session-expired dialog). */
export async function signIn(
  page: Page,
  username: string,
  password: string = DEMO_PASSWORD,
): Promise<void> {
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Đăng nhập", exact: true }).click();
}

/** Whether the page is wider than its window (something would need sideways scrolling). */
export function overflowsSideways(page: Page): Promise<boolean> {
  // A string runs in the page; this package is typed without the DOM.
  return page.evaluate<boolean>(
    "document.documentElement.scrollWidth > document.documentElement.clientWidth",
  );
}
