import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderReport } from "../../src/report/index.js";
import { writeFileAtomic } from "../../src/util/write-file-atomic.js";
import { COMMON_CHARTS, demoDocument, HOSTILE } from "../report/demo-document.js";

/**
 * The demo report opened in headless Debian Chromium, offline, as a board member would open an
 * e-mail attachment. Fails (never skips) when /usr/bin/chromium is missing: CI installs it.
 */
// HANDOFF_CHROMIUM overrides the path (another distribution; or to see the missing-browser failure).
const CHROMIUM = process.env.HANDOFF_CHROMIUM ?? "/usr/bin/chromium";
const ARTIFACTS = resolve("test-artifacts");

/**
 * The little of the DOM the browser-side callbacks touch. This Node project's lib has no DOM
 * types, and adding them program-wide would let `document` type-check in src/; these
 * declarations are local to this module and only describe code that runs in the page.
 */
interface DomNode {
  nodeType: number;
  textContent: string | null;
}
interface DomElement extends DomNode {
  id: string;
  tagName: string;
  childNodes: ArrayLike<DomNode>;
  dataset: Record<string, string | undefined>;
  lastElementChild: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  getBoundingClientRect(): { width: number; height: number };
  append(node: DomElement): void;
  remove(): void;
}
declare const document: {
  body: DomElement;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  createElement(tag: string): DomElement;
};
declare const window: { injected?: boolean; evaluated?: boolean };
declare function setTimeout(handler: string | (() => void), ms: number): void;

interface PageEvents {
  consoleErrors: string[];
  pageErrors: string[];
  requests: string[];
  dialogs: string[];
}

const MISSING = `${CHROMIUM} is missing: install it with "apt-get update && apt-get install -y chromium" (CI does this in .ci/run)`;

// Its own test, so a machine without Chromium reports a failed test, not only skipped ones.
describe("Chromium for the browser tests", () => {
  it(`is installed at ${CHROMIUM}`, () => {
    expect(existsSync(CHROMIUM), MISSING).toBe(true);
  });
});

describe("renderReport(doc) in Chromium", () => {
  let folder: string;
  let context: BrowserContext;
  let page: Page;
  let pageUrl: string;
  const events: PageEvents = { consoleErrors: [], pageErrors: [], requests: [], dialogs: [] };
  let renderMs = 0;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(MISSING);
    folder = await mkdtemp(join(tmpdir(), "handoff-report-"));
    const file = join(folder, "demo-report.html");
    await writeFileAtomic(file, renderReport(demoDocument()));
    pageUrl = pathToFileURL(file).href;

    // A fresh profile each run: nothing cached, no extensions, no first-run pages.
    context = await chromium.launchPersistentContext(join(folder, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1200, height: 900 },
      offline: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    // Every request but the page itself is recorded and refused.
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url === pageUrl) return route.continue();
      events.requests.push(url);
      return route.abort("blockedbyclient");
    });
    page = await context.newPage();
    page.on("request", (request) => {
      if (request.url() !== pageUrl) events.requests.push(request.url());
    });
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning")
        events.consoleErrors.push(`${message.type()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => events.pageErrors.push(String(error)));
    page.on("dialog", (dialog) => {
      events.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    });

    const started = performance.now();
    await page.goto(pageUrl, { waitUntil: "load" });
    await page.waitForFunction(() => document.body.dataset.charts !== "pending", undefined, {
      timeout: 30_000,
    });
    renderMs = performance.now() - started;
  });

  afterAll(async () => {
    await context?.close();
    if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  });

  it("draws every chart, with no console error, page error, network request or dialog", async () => {
    expect(await page.evaluate(() => document.body.dataset.charts)).toBe("rendered");
    expect(events).toEqual({ consoleErrors: [], pageErrors: [], requests: [], dialogs: [] });
    console.info(`report-browser: page loaded and all charts drawn in ${renderMs.toFixed(0)} ms`);
  });

  it("gives every chart container an SVG of non-zero size", async () => {
    const sizes = await page.$$eval(".chart", (elements: DomElement[]) =>
      elements.map((element) => {
        const svg = element.querySelector("svg, canvas");
        const box = svg?.getBoundingClientRect();
        return {
          id: element.id,
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          marks: element.querySelectorAll("path, rect, line, text").length,
        };
      }),
    );
    expect(sizes).toHaveLength(COMMON_CHARTS.length);
    for (const size of sizes) {
      expect(size.width, `${size.id} width`).toBeGreaterThan(200);
      expect(size.height, `${size.id} height`).toBeGreaterThan(100);
      expect(size.marks, `${size.id} marks`).toBeGreaterThan(10);
    }
  });

  it("shows the hostile lead source as text everywhere it appears, charts included", async () => {
    // As text in the HTML (headline note, paragraph, table cell, caption, model card) …
    const textHits = await page.evaluate(
      (hostile) =>
        Array.from(document.querySelectorAll(".report *"))
          .filter((el) =>
            Array.from(el.childNodes).some(
              (n) => n.nodeType === 3 && (n.textContent ?? "").includes(hostile),
            ),
          )
          .map((el) => el.tagName.toLowerCase()),
      HOSTILE,
    );
    expect(textHits).toEqual(expect.arrayContaining(["td", "p", "figcaption", "code"]));
    // … as SVG text in the charts (an axis label of the cost chart, a feature of the IV chart) …
    const svgTexts = await page.$$eval(".chart svg text", (texts: DomElement[]) =>
      texts.map((t) => t.textContent ?? ""),
    );
    expect(svgTexts).toContain(`Lead source: ${HOSTILE}`);
    // the cost chart's axis shortens long channel names with "…", as it should: still text
    expect(svgTexts.filter((t) => t.startsWith("</script><script>")).length).toBeGreaterThanOrEqual(
      1,
    );
    // … and never as markup: the only script elements are the page's own four.
    expect(await page.locator("script").count()).toBe(4);
    expect(events.dialogs).toEqual([]);
  });

  it("enforces its Content-Security-Policy: no injected script, no eval, no fetch", async () => {
    const before = events.consoleErrors.length;
    const outcome = await page.evaluate(async () => {
      const script = document.createElement("script");
      script.textContent = "window.injected = true";
      document.body.append(script);
      // Code run by page.evaluate itself is exempt from the CSP (DevTools), but a string the
      // page hands to setTimeout is the page's own eval: it must be refused.
      setTimeout("window.evaluated = true", 0);
      await new Promise<void>((resolve) => setTimeout(() => resolve(), 50));
      const evaluated = window.evaluated ?? false;
      const fetched = await fetch("https://example.com/beacon").then(
        () => "fetched",
        () => "refused",
      );
      return { injected: window.injected ?? false, evaluated, fetched };
    });
    expect(outcome).toEqual({ injected: false, evaluated: false, fetched: "refused" });
    // the browser reports both violations on the console; they are expected here, not before
    const violations = events.consoleErrors.splice(before);
    expect(violations.join("\n")).toMatch(/Content Security Policy/);
    expect(events.requests).toEqual([]);
    await page.evaluate(() => document.body.lastElementChild?.remove());
  });

  it("saves full-page screenshots (screen and print) and a PDF to test-artifacts/", async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    const screen = join(ARTIFACTS, "report-browser.png");
    await page.screenshot({ path: screen, fullPage: true });
    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: join(ARTIFACTS, "report-browser-print.png"), fullPage: true });
    const pdf = join(ARTIFACTS, "report-browser.pdf");
    await page.pdf({ path: pdf, format: "A4", printBackground: true, preferCSSPageSize: true });
    await page.emulateMedia({ media: "screen" });
    expect((await stat(screen)).size).toBeGreaterThan(50_000);
    expect((await stat(pdf)).size).toBeGreaterThan(20_000);
    expect(events.requests).toEqual([]);
  });
});
