import { scrypt as scryptCallback, timingSafeEqual } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";

/**
 * Passwords are hashed with argon2id at OWASP's recommended cost (19 MiB, 2 passes, 1 lane).
 * Hashes from before (scrypt$N$r$p$salt$hash, N = 2^14) still verify, and `needsRehash` tells
 * sign-in to replace them, so every account moves to argon2id at its next sign-in.
 */
const ARGON2_OPTIONS = {
  algorithm: 2, // Algorithm.Argon2id (a const enum, which isolated modules cannot read)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** The encoded parameters of a current hash; anything else is rehashed on sign-in. */
const CURRENT_PARAMS = `$m=${ARGON2_OPTIONS.memoryCost},t=${ARGON2_OPTIONS.timeCost},p=${ARGON2_OPTIONS.parallelism}$`;

/** A well-formed hash of no password, so unknown usernames cost as much as known ones. */
export const DUMMY_PASSWORD_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$YNoQw4pl5naHJgCD35DQFA$0m68AAvIMowcwbGBeBBcXcP3C0avqHc1aF7emATgUug";

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFC"), ARGON2_OPTIONS);
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const normalized = password.normalize("NFC");
  if (stored.startsWith("scrypt$")) return verifyLegacyScrypt(normalized, stored);
  if (!stored.startsWith("$argon2")) return false;
  try {
    return await verify(stored, normalized);
  } catch {
    return false; // a malformed stored hash never signs anyone in
  }
}

/** True when a verified hash was made with other parameters or the old scheme. */
export function needsRehash(stored: string): boolean {
  return !(stored.startsWith("$argon2id$v=19") && stored.includes(CURRENT_PARAMS));
}

function verifyLegacyScrypt(password: string, stored: string): Promise<boolean> {
  const [, n, r, p, salt, expectedHash] = stored.split("$");
  if (!salt || !expectedHash) return Promise.resolve(false);
  const expected = Buffer.from(expectedHash, "base64url");
  const options = { N: Number(n), r: Number(r), p: Number(p) };
  return new Promise((resolve) =>
    scryptCallback(password, Buffer.from(salt, "base64url"), expected.length, options, (e, key) =>
      resolve(!e && key.length === expected.length && timingSafeEqual(key, expected)),
    ),
  );
}
