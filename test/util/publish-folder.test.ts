import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { publishFolder } from "../../src/util/publish-folder.js";

describe("publishFolder(folder, files, options)", () => {
  let parent: string;
  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), "handoff-publish-"));
  });
  afterEach(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it("publishes every file in a new folder and leaves nothing else", async () => {
    const folder = join(parent, "run-2026Q3");
    const result = await publishFolder(
      folder,
      [
        { name: "a.txt", content: "A" },
        { name: "b.txt", content: new TextEncoder().encode("B") },
      ],
      { stamp: "2026-07-01T00:00:00Z" },
    );
    expect(result.replaced).toBeNull();
    expect(await readdir(parent)).toEqual(["run-2026Q3"]);
    expect((await readdir(folder)).sort()).toEqual(["a.txt", "b.txt"]);
    expect(await readFile(join(folder, "b.txt"), "utf8")).toBe("B");
  });

  it("keeps a previous run under a new name and removes staging folders of killed runs", async () => {
    const folder = join(parent, "run-2026Q3");
    await mkdir(folder);
    await writeFile(join(folder, "a.txt"), "old");
    await mkdir(join(parent, ".run-2026Q3.999.abcd.staging"));
    await writeFile(join(parent, ".run-2026Q3.999.abcd.staging", "a.txt"), "half");
    const result = await publishFolder(folder, [{ name: "a.txt", content: "new" }], {
      stamp: "2026-07-01T00:00:00Z",
    });
    expect(result.replaced).toBe(join(parent, "run-2026Q3.replaced-20260701T000000Z"));
    expect((await readdir(parent)).sort()).toEqual([
      "run-2026Q3",
      "run-2026Q3.replaced-20260701T000000Z",
    ]);
    expect(await readFile(join(folder, "a.txt"), "utf8")).toBe("new");
    expect(await readFile(join(result.replaced as string, "a.txt"), "utf8")).toBe("old");
  });

  it("leaves the folder as it was when publishing stops before the rename", async () => {
    const folder = join(parent, "run");
    await mkdir(folder);
    await writeFile(join(folder, "a.txt"), "old");
    await expect(
      publishFolder(folder, [{ name: "a.txt", content: "new" }], {
        stamp: "x",
        beforePublish: () => {
          throw new Error("stopped");
        },
      }),
    ).rejects.toThrow("stopped");
    expect(await readdir(parent)).toEqual(["run"]);
    expect(await readFile(join(folder, "a.txt"), "utf8")).toBe("old");
  });
});
