import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const apiPort = process.env.API_PORT ?? "3000";

// Built into dist/ and served by the API at /admin/; in dev, /trpc goes to the API server.
export default defineConfig({
  base: "/admin/",
  plugins: [react()],
  server: {
    port: 5174,
    strictPort: true,
    proxy: { "/trpc": `http://localhost:${apiPort}` },
  },
  build: { outDir: "dist", emptyOutDir: true },
});
