import { launch } from "./launch";

/** `pnpm start` (through start.ts) and `pnpm dev`: the server until SIGTERM or SIGINT. */
async function main(): Promise<void> {
  const started = await launch(process.env, {
    stdout: (text) => console.log(text),
    stderr: (text) => console.error(text),
  });
  if (!started) process.exit(1);
  const { server, logger } = started;

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
  console.error("Đạt Chuẩn không khởi động được:", error);
  process.exit(1);
});
