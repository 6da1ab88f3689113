import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Output } from "../../src/cli/output.js";
import { load } from "../../src/commands/load.js";
import { REPORT_NAMES, type ReportName, report } from "../../src/commands/report.js";
import { Db } from "../../src/db/index.js";
import { ROOT } from "../helpers/cli.js";
import { HOSTILE } from "../report/demo-document.js";

/**
 * The three real reports (board, calibration, channels) generated from the HubSpot sample set,
 * with one lead source renamed to markup, opened in headless Debian Chromium offline. Fails
 * (never skips) when Chromium is missing: CI installs it. Screenshots go to test-artifacts/.
 */
const CHROMIUM = process.env.HANDOFF_CHROMIUM ?? "/usr/bin/chromium";
const ARTIFACTS = resolve("test-artifacts");

interface DomElement {
  dataset: Record<string, string | undefined>;
  textContent: string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  getBoundingClientRect(): { width: number; height: number };
}
declare const document: { body: DomElement };

const quiet: Output = { progress() {}, result() {}, json() {}, warn() {} };

describe("handoff report all on the HubSpot sample, in Chromium", () => {
  let folder: string;
  let browser: Browser;
  const files = {} as Record<ReportName, string>;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: apt-get update && apt-get install -y chromium`);
    folder = await mkdtemp(join(tmpdir(), "handoff-pages-"));
    const db = join(folder, "handoff.duckdb");
    const config = join(ROOT, "sample-data/hubspot/handoff.yaml");
    const globals = { db, config, json: false, quiet: true, debug: false };
    await load(globals, quiet);
    // a lead source (and its spend) named with markup, as an export could carry
    const conn = await Db.open(db);
    try {
      await conn.run("UPDATE leads SET source = $name WHERE source = 'Paid Social'", {
        name: HOSTILE,
      });
      await conn.run("UPDATE spend SET source = $name WHERE source = 'Paid Social'", {
        name: HOSTILE,
      });
    } finally {
      conn.close();
    }
    const written = await report(
      { ...globals, report: "all", out: folder, commandLine: "handoff report all" },
      quiet,
    );
    for (const w of written) files[w.report] = w.html;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  });

  it("writes the three reports, each under 5 MB", async () => {
    expect(Object.keys(files).sort()).toEqual([...REPORT_NAMES].sort());
    for (const file of Object.values(files))
      expect((await stat(file)).size).toBeLessThan(5 * 1024 * 1024);
  });

  describe.each(REPORT_NAMES)("%s.html", (name) => {
    let page: Page;
    const events = { console: [] as string[], errors: [] as string[], requests: [] as string[] };

    beforeAll(async () => {
      const url = pathToFileURL(files[name]).href;
      const context = await browser.newContext({
        viewport: { width: 1100, height: 900 },
        offline: true,
      });
      await context.route("**/*", (route) => {
        if (route.request().url() === url) return route.continue();
        events.requests.push(route.request().url());
        return route.abort("blockedbyclient");
      });
      page = await context.newPage();
      page.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning")
          events.console.push(`${m.type()}: ${m.text()}`);
      });
      page.on("pageerror", (e) => events.errors.push(String(e)));
      page.on("dialog", (d) => {
        events.errors.push(`dialog: ${d.message()}`);
        void d.dismiss();
      });
      await page.goto(url, { waitUntil: "load" });
      await page.waitForFunction(() => document.body.dataset.charts !== "pending", undefined, {
        timeout: 30_000,
      });
    });

    it("draws every chart with no console error, page error, dialog or request", async () => {
      expect(await page.evaluate(() => document.body.dataset.charts)).toBe("rendered");
      expect(events).toEqual({ console: [], errors: [], requests: [] });
      const charts = await page.$$eval(".chart", (elements: DomElement[]) =>
        elements.map((e) => {
          const box = e.querySelector("svg")?.getBoundingClientRect();
          return {
            width: box?.width ?? 0,
            height: box?.height ?? 0,
            marks: e.querySelectorAll("path, rect, line").length,
          };
        }),
      );
      expect(charts.length).toBeGreaterThanOrEqual(name === "channels" ? 3 : 5);
      for (const chart of charts) {
        expect(chart.width).toBeGreaterThan(200);
        expect(chart.height).toBeGreaterThan(100);
        expect(chart.marks).toBeGreaterThan(5);
      }
    });

    it("ends with the model card: files with their SHA-256 and the command", async () => {
      const card = await page.$eval(".model-card", (e: DomElement) => e.textContent ?? "");
      expect(card).toContain("contacts.csv");
      expect(card).toMatch(/[0-9a-f]{64}/);
      expect(card).toContain(`handoff report ${name}`);
    });

    it("saves a screenshot to test-artifacts/", async () => {
      await mkdir(ARTIFACTS, { recursive: true });
      const file = join(ARTIFACTS, `report-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      expect((await stat(file)).size).toBeGreaterThan(50_000);
    });
  });

  it("shows the hostile lead source as text on the board and channels pages", async () => {
    for (const name of ["board", "channels"] as const) {
      const page = await browser.newPage({ offline: true });
      await page.goto(pathToFileURL(files[name]).href);
      await page.waitForFunction(() => document.body.dataset.charts !== "pending");
      const text = await page.evaluate(() => document.body.textContent ?? "");
      const svgText = await page.$$eval(".chart svg text", (ts: DomElement[]) =>
        ts.map((t) => t.textContent ?? ""),
      );
      // the cost chart's axis label is SVG text (shortened with "…" when long) on both pages …
      expect(
        svgText.some((t) => t.startsWith("</script><script>")),
        name,
      ).toBe(true);
      // … and the channels page's tables show the full name as text
      if (name === "channels") expect(text).toContain(HOSTILE);
      expect(await page.locator("script").count()).toBe(4);
      await page.close();
    }
  });
});
