import { DEMO_PASSWORD, DEMO_USERS } from "@datchuan/db";
import { DatabaseConfigError } from "@datchuan/db/client";
import type { Logger } from "pino";
import { EnvError, readServerEnv } from "./env";
import { createLogger } from "./http/request-id";
import { type RunningServer, ServerStartError, startServer } from "./server";

export interface LaunchIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * What `pnpm start` does before it waits for a signal: reads the configuration from `source`,
 * starts the server and prints its URLs. Bad configuration (a port in use, an unreachable
 * database, a folder in use…) is one line on stderr and `null`, for an exit code of 1. A
 * function rather than the process itself, so tests call it without starting one per case.
 */
export async function launch(
  source: NodeJS.ProcessEnv,
  io: LaunchIo,
): Promise<{ server: RunningServer; logger: Logger } | null> {
  try {
    const env = readServerEnv(source);
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
    io.stdout(banner(server));
    return { server, logger };
  } catch (error) {
    if (
      error instanceof EnvError ||
      error instanceof DatabaseConfigError ||
      error instanceof ServerStartError
    ) {
      io.stderr(`Đạt Chuẩn không khởi động được: ${error.message}`);
      return null;
    }
    throw error;
  }
}

function banner(server: RunningServer): string {
  return [
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
  ].join("\n");
}
