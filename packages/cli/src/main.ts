#!/usr/bin/env -S node --import tsx
import { readFile, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { run } from "./run";

// pnpm runs scripts from the repository root; INIT_CWD is where the user typed the command.
const base = process.env.INIT_CWD ?? process.cwd();

process.exitCode = await run(process.argv.slice(2), {
  readFile: (path) => readFile(resolve(base, path), "utf8"),
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  resolvePath: (path) => resolve(base, path),
  writeFile: (path, bytes) => writeFile(resolve(base, path), bytes),
  stdoutBytes: (bytes) => process.stdout.write(bytes),
  stdoutIsTTY: process.stdout.isTTY === true,
});
