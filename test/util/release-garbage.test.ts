import { describe, expect, it } from "vitest";
import { releaseGarbage } from "../../src/util/release-garbage.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("releaseGarbage()", () => {
  it("collects an object nothing refers to any more", async () => {
    let big: number[] | null = Array.from({ length: 100_000 }, (_, i) => i);
    const ref = new WeakRef(big);
    big = null;
    // a WeakRef's target stays alive until the job that created it has finished
    await tick();
    releaseGarbage();
    expect(ref.deref()).toBeUndefined();
  });

  it("keeps what is still referred to, and can run again", async () => {
    const kept = { values: [1, 2, 3] };
    const ref = new WeakRef(kept);
    await tick();
    releaseGarbage();
    releaseGarbage();
    expect(ref.deref()).toBe(kept);
  });
});
