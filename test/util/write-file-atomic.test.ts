import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeFileAtomic } from "../../src/util/write-file-atomic.js";

describe("writeFileAtomic(path, content)", () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), "handoff-atomic-"));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("writes a new file and leaves no temporary file behind", async () => {
    await writeFileAtomic(join(folder, "report.html"), "<p>é</p>");
    expect(await readFile(join(folder, "report.html"), "utf8")).toBe("<p>é</p>");
    expect(await readdir(folder)).toEqual(["report.html"]);
  });

  it("replaces an existing file whole", async () => {
    await writeFile(join(folder, "chart.svg"), "old content that is longer than the new");
    await writeFileAtomic(join(folder, "chart.svg"), new TextEncoder().encode("new"));
    expect(await readFile(join(folder, "chart.svg"), "utf8")).toBe("new");
  });

  it("on failure removes its temporary file and leaves what was there", async () => {
    // a folder where the file should go: the rename fails after the temp file was written
    await mkdir(join(folder, "out.html"));
    await writeFile(join(folder, "out.html", "keep.txt"), "kept");
    await expect(writeFileAtomic(join(folder, "out.html"), "x")).rejects.toThrow();
    expect(await readdir(folder)).toEqual(["out.html"]);
    expect(await readFile(join(folder, "out.html", "keep.txt"), "utf8")).toBe("kept");
  });

  it("fails when the folder does not exist", async () => {
    await expect(writeFileAtomic(join(folder, "missing", "x.html"), "x")).rejects.toThrow(/ENOENT/);
  });
});
