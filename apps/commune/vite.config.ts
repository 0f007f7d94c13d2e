import { precompress } from "@datchuan/vite-config";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const apiPort = process.env.API_PORT ?? "3000";

// Built into dist/ and served by the API at /commune/; in dev, /trpc goes to the API server.
export default defineConfig({
  base: "/commune/",
  plugins: [react(), precompress()],
  server: {
    port: 5175,
    strictPort: true,
    proxy: { "/trpc": `http://localhost:${apiPort}` },
  },
  // The manifest tells the bundle budget (src/bundle.test.ts) which chunks load first.
  build: { outDir: "dist", emptyOutDir: true, manifest: true },
});
