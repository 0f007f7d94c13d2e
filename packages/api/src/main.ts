import { DEMO_PASSWORD, DEMO_USERS } from "@datchuan/db";
import { DatabaseConfigError } from "@datchuan/db/client";
import { EnvError, readServerEnv } from "./env";
import { createLogger } from "./http/request-id";
import { ServerStartError, startServer } from "./server";

/** `pnpm start`: configuration from the environment, one clear line on bad configuration. */
async function main(): Promise<void> {
  const env = readServerEnv();
  const logger = createLogger(env.LOG_LEVEL);
  const server = await startServer({
    port: env.PORT,
    host: env.HOST,
    database: env.DATABASE_URL
      ? { kind: "postgres", url: env.DATABASE_URL }
      : { kind: "pglite", dataDir: env.DATA_DIR },
    // The demo someone starts to look at: with the history behind the May 2023 review.
    seedDemoData: env.SEED_DEMO_DATA ? "full" : false,
    trustProxy: env.TRUST_PROXY,
    logger,
  });

  console.log(
    [
      "",
      `Đạt Chuẩn đang chạy (${server.database.kind}: ${server.database.location})${server.seeded ? " — đã nạp dữ liệu mẫu huyện Thọ Xuân" : ""}`,
      `  Cổng thông tin công khai (public):  ${server.url}/`,
      `  Quản trị (admin):                    ${server.url}/admin/`,
      `  Cán bộ xã (commune):                 ${server.url}/commune/`,
      ...(server.seeded
        ? [
            `Tài khoản mẫu (mật khẩu "${DEMO_PASSWORD}", chỉ để dùng thử):`,
            ...DEMO_USERS.map((user) => `  ${user.username.padEnd(16)} ${user.displayName}`),
          ]
        : []),
      "Nhấn Ctrl+C để dừng.",
      "",
    ].join("\n"),
  );

  let signals = 0;
  const shutdown = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) process.exit(1);
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => {
      logger.error("shutdown took more than 10 s; exiting");
      process.exit(1);
    }, 10_000);
    force.unref();
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

main().catch((error: unknown) => {
  if (
    error instanceof EnvError ||
    error instanceof DatabaseConfigError ||
    error instanceof ServerStartError
  ) {
    console.error(`Đạt Chuẩn không khởi động được: ${error.message}`);
  } else {
    console.error("Đạt Chuẩn không khởi động được:", error);
  }
  process.exit(1);
});
