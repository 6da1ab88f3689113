import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mayHaveBlankLines, recordStartLines } from "../../src/load/line-numbers.js";
import { tempDir } from "../helpers/db.js";

function file(content: string | Buffer): string {
  const path = join(tempDir(), "export.csv");
  writeFileSync(path, content);
  return path;
}

const CHUNK = 1 << 22; // the read size of line-numbers.ts

describe("mayHaveBlankLines(path)", () => {
  it("is false for a file whose every line holds a record, LF or CRLF", () => {
    expect(mayHaveBlankLines(file("id,name\n1,a\n2,b\n"))).toBe(false);
    expect(mayHaveBlankLines(file("id,name\r\n1,a\r\n2,b\r\n"))).toBe(false);
  });

  it("is true for a blank line, LF or CRLF", () => {
    expect(mayHaveBlankLines(file("id,name\n1,a\n\n2,b\n"))).toBe(true);
    expect(mayHaveBlankLines(file("id,name\r\n1,a\r\n\r\n2,b\r\n"))).toBe(true);
  });

  it("sees a blank line split across two reads", () => {
    const head = `id,name\n${"x".repeat(CHUNK - 9)}\n`; // the first read ends on this newline
    expect(Buffer.byteLength(head)).toBe(CHUNK);
    expect(mayHaveBlankLines(file(`${head}\n2,b\n`))).toBe(true);
    expect(mayHaveBlankLines(file(`${head}2,b\n`))).toBe(false);
  });
});

describe("recordStartLines(path)", () => {
  it("gives each record's first line when the file has blank lines, null otherwise", () => {
    expect(recordStartLines(file('id,note\n1,"two\nlines"\n\n2,b\n'))).toEqual([2, 5]);
    expect(recordStartLines(file('id,note\n1,"two\nlines"\n2,b\n'))).toBeNull();
  });
});
