// The built server's entry (dist/main.js, `pnpm start`): production unless told otherwise, set
// before any module reads it. `pnpm dev` runs src/main.ts directly and stays in development.
process.env.NODE_ENV ??= "production";
await import("./main");
