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

  it("writes text from an async iterable piece by piece", async () => {
    async function* pieces() {
      yield "lead_id,score\r\n";
      yield "";
      yield "L1,é\r\n";
      yield "L2,2\r\n";
    }
    await writeFileAtomic(join(folder, "scores.csv"), pieces());
    expect(await readFile(join(folder, "scores.csv"), "utf8")).toBe(
      "lead_id,score\r\nL1,é\r\nL2,2\r\n",
    );
    expect(await readdir(folder)).toEqual(["scores.csv"]);
  });

  it("leaves the old file whole when the pieces fail half-way", async () => {
    await writeFile(join(folder, "scores.csv"), "old");
    async function* pieces() {
      yield "new first half";
      throw new Error("query failed");
    }
    await expect(writeFileAtomic(join(folder, "scores.csv"), pieces())).rejects.toThrow(
      "query failed",
    );
    expect(await readFile(join(folder, "scores.csv"), "utf8")).toBe("old");
    expect(await readdir(folder)).toEqual(["scores.csv"]);
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
