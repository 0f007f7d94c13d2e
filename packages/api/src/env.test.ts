import { describe, expect, it } from "vitest";
import { EnvError, readServerEnv } from "./env";

describe("readServerEnv", () => {
  it("listens on loopback and loads demo data into the embedded database by default", () => {
    const env = readServerEnv({});
    expect(env.HOST).toBe("127.0.0.1");
    expect(env.SEED_DEMO_DATA).toBe(true);
    expect(env.TRUST_PROXY).toBe(false);
  });

  it("loads no demo accounts into PostgreSQL unless asked", () => {
    const url = "postgres://postgres@127.0.0.1:5432/datchuan";
    expect(readServerEnv({ DATABASE_URL: url }).SEED_DEMO_DATA).toBe(false);
    expect(readServerEnv({ DATABASE_URL: url, SEED_DEMO_DATA: "true" }).SEED_DEMO_DATA).toBe(true);
    expect(readServerEnv({ SEED_DEMO_DATA: "false" }).SEED_DEMO_DATA).toBe(false);
  });

  it("says which setting is wrong", () => {
    expect(() => readServerEnv({ TRUST_PROXY: "maybe" })).toThrow(
      new EnvError("TRUST_PROXY: TRUST_PROXY must be true or false"),
    );
  });
});
