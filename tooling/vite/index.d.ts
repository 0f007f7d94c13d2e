import type { Plugin } from "vite";

/** What the API serves compressed: text formats. Fonts and images are compressed already. */
export const COMPRESSIBLE_FILE: RegExp;
/** Writes `<file>.br` and `<file>.gz` beside every compressible file of the build. */
export function precompress(): Plugin;
/** Writes the compressed variants of every compressible file under `dir`. */
export function precompressDir(dir: string): Promise<void>;
