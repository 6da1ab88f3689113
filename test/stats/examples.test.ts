/**
 * Every `@example … // => value` in a src/stats doc comment is run here, so the documentation
 * cannot drift from the code.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as stats from "../../src/stats/index.js";

const DIR = fileURLToPath(new URL("../../src/stats/", import.meta.url));

function examplesOf(source: string): { code: string; expected: string }[] {
  const found: { code: string; expected: string }[] = [];
  for (const block of source.split("@example").slice(1)) {
    const lines: string[] = [];
    for (const line of block.split("\n").slice(1)) {
      const text = line.replace(/^\s*\*\s?/, "");
      if (text === "/" || text.startsWith("@") || text === "") break;
      lines.push(text);
    }
    const joined = lines.join(" ");
    const [code, expected] = joined.split("// =>").map((part) => part.trim().replace(/;$/, ""));
    if (code !== undefined && expected !== undefined) found.push({ code, expected });
  }
  return found;
}

const files = readdirSync(DIR).filter((file) => file.endsWith(".ts"));
const cases = files.flatMap((file) =>
  examplesOf(readFileSync(DIR + file, "utf8")).map((example) => ({ file, ...example })),
);

describe("@example in src/stats", () => {
  it("finds an example for every exported function", () => {
    const functions = Object.entries(stats).filter(([, value]) => typeof value === "function");
    for (const [name] of functions) {
      expect(cases.some((c) => c.code.startsWith(`${name}(`))).toBe(true);
    }
  });

  it.each(cases)("$file: $code", ({ code, expected }) => {
    const exports = Object.entries(stats);
    const run = new Function(...exports.map(([name]) => name), `return (${code});`);
    const actual = run(...exports.map(([, value]) => value));
    expect(actual).toEqual(new Function(`return (${expected});`)());
  });
});
