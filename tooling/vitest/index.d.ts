import type { ViteUserConfig } from "vitest/config";

export function vitestPreset(kind?: "unit" | "integration"): ViteUserConfig;
