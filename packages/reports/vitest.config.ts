import { vitestPreset } from "@datchuan/vitest-config";

export default vitestPreset("unit");
