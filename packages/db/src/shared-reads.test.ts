import { describe, expect, it } from "vitest";
import { sharedReads } from "./shared-reads";

/** A read the test answers by hand, recording each time it is started. */
function controlledReads() {
  const started: Array<{ resolve(value: string): void; reject(error: Error): void }> = [];
  const read = () =>
    new Promise<string>((resolve, reject) => {
      started.push({ resolve, reject });
    });
  return { started, read };
}

describe("sharedReads", () => {
  it("never gives a reader the answer of a read begun before it asked; later readers share one", async () => {
    const shared = sharedReads<string>();
    const { started, read } = controlledReads();
    const first = shared("page", read);
    expect(started).toHaveLength(1);
    // Asked while the first read runs: a write committed just before may be missing from it.
    const second = shared("page", read);
    const third = shared("page", read);
    expect(started).toHaveLength(1);
    started[0]!.resolve("before");
    expect(await first).toBe("before");
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toHaveLength(2);
    started[1]!.resolve("after");
    expect(await second).toBe("after");
    expect(await third).toBe("after");
  });

  it("keeps questions apart, and a failed read fails only the readers that shared it", async () => {
    const shared = sharedReads<string>();
    const { started, read } = controlledReads();
    const one = shared("one", read);
    const other = shared("other", read);
    expect(started).toHaveLength(2);
    const waiting = shared("one", read);
    started[0]!.reject(new Error("database away"));
    await expect(one).rejects.toThrow("database away");
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toHaveLength(3);
    started[2]!.resolve("one again");
    started[1]!.resolve("other");
    expect(await waiting).toBe("one again");
    expect(await other).toBe("other");
    // Nobody waits any more: the next reader starts a read of its own.
    const later = shared("one", read);
    expect(started).toHaveLength(4);
    started[3]!.resolve("later");
    expect(await later).toBe("later");
  });
});
