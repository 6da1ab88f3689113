import { describe, expect, it } from "vitest";
import { Prng } from "../../sample-data/prng.js";

const draws = (n: number, f: () => number): number[] => Array.from({ length: n }, f);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: number[]): number => {
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
};

describe("Prng(seed)", () => {
  it("repeats the same sequence for the same seed and differs for another", () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const c = new Prng(43);
    const sa = draws(5, () => a.nextUint32());
    expect(draws(5, () => b.nextUint32())).toEqual(sa);
    expect(draws(5, () => c.nextUint32())).not.toEqual(sa);
  });
  it("forks independent, reproducible streams by label", () => {
    const r = new Prng(1);
    expect(r.fork("x").uniform()).toBe(new Prng(1).fork("x").uniform());
    expect(r.fork("x").uniform()).not.toBe(r.fork("y").uniform());
  });
  it("uniform() is uniform on [0, 1) (mean 1/2, sd 1/√12 within 4 standard errors)", () => {
    const r = new Prng(7);
    const xs = draws(100_000, () => r.uniform());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(Math.abs(mean(xs) - 0.5)).toBeLessThan((4 * Math.sqrt(1 / 12)) / Math.sqrt(1e5));
    expect(Math.abs(sd(xs) - Math.sqrt(1 / 12))).toBeLessThan(0.003);
  });
  it("normal() has mean 0 and sd 1", () => {
    const r = new Prng(8);
    const xs = draws(100_000, () => r.normal());
    expect(Math.abs(mean(xs))).toBeLessThan(4 / Math.sqrt(1e5));
    expect(Math.abs(sd(xs) - 1)).toBeLessThan(0.01);
  });
  it("poisson(λ) has mean and variance λ", () => {
    const r = new Prng(9);
    const xs = draws(100_000, () => r.poisson(2.5));
    expect(Math.abs(mean(xs) - 2.5)).toBeLessThan(4 * Math.sqrt(2.5 / 1e5));
    expect(Math.abs(sd(xs) ** 2 - 2.5)).toBeLessThan(0.06);
  });
  it("weighted() picks in proportion to the weights", () => {
    const r = new Prng(10);
    const items: [string, number][] = [
      ["a", 1],
      ["b", 2],
      ["c", 3],
    ];
    const xs = Array.from({ length: 60_000 }, () => r.weighted(items));
    const share = (k: string): number => xs.filter((x) => x === k).length / xs.length;
    expect(share("a")).toBeCloseTo(1 / 6, 2);
    expect(share("c")).toBeCloseTo(1 / 2, 2);
  });
});
