import { createHash } from "node:crypto";
import type { Spec as VegaSpec } from "vega";
import { compileChart } from "./compile-chart.js";
import { escapeHtml } from "./escape-html.js";
import { fillSpec } from "./fill-spec.js";
import { formatCell, isNumericFormat } from "./format-cell.js";
import { loadChartSpec } from "./load-chart-spec.js";
import { readReportFile, readVegaBundle, readVegaInterpreterScript } from "./report-files.js";
import { serializeJsonForScript } from "./serialize-json-for-script.js";
import type {
  Band,
  ChartBlock,
  HeadlinesBlock,
  ModelCard,
  ReportDocument,
  Section,
  TableBlock,
  TextBlock,
} from "./types.js";

const SECTION_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Ids the page uses itself: chart containers and the model card. */
const RESERVED_ID = /^(chart-\d+|about-these-numbers)$/;

const BAND_LABEL: Record<Band, string | undefined> = {
  good: "On track",
  watch: "Watch",
  bad: "Needs action",
  neutral: undefined,
};

/**
 * A report document as one self-contained HTML page: `reports/page.html` filled with the
 * document's sections, its charts precompiled to Vega with their data, and vega's browser
 * bundle with its CSP-safe expression interpreter, all inline. The page makes no network request
 * (its Content-Security-Policy forbids any) and runs only the three scripts whose hashes it
 * lists, with no eval, so it opens offline from an e-mail attachment and nothing in the data can
 * execute.
 *
 * Steps: 1. check the document (section ids); 2. fill and compile every chart (a chart's data
 * that does not match its spec throws, naming the chart, data set, row and field); 3. build the
 * body, escaping every string with `escapeHtml`; 4. inline the charts as JSON with
 * `serializeJsonForScript`; 5. fill the template. Pure: the same document gives the same bytes.
 */
export function renderReport(doc: ReportDocument): string {
  const currency = doc.currency ?? "USD";

  // 1. Section ids become anchors and must be unique.
  const seen = new Set<string>();
  for (const section of doc.sections) {
    if (!SECTION_ID.test(section.id))
      throw new Error(
        `renderReport: section id must be lower-case letters, digits and hyphens; got ${JSON.stringify(section.id)}`,
      );
    if (RESERVED_ID.test(section.id))
      throw new Error(
        `renderReport: section id ${JSON.stringify(section.id)} is reserved for the page's own elements`,
      );
    if (seen.has(section.id))
      throw new Error(`renderReport: section id ${JSON.stringify(section.id)} is used twice`);
    seen.add(section.id);
  }

  // 2. Charts, in document order: chart-1, chart-2, … name the elements they draw into.
  const charts: Record<string, VegaSpec> = {};
  for (const section of doc.sections)
    for (const block of section.blocks)
      if (block.kind === "chart") {
        const filled = fillSpec(loadChartSpec(block.chart), block.data);
        charts[chartElementId(Object.keys(charts).length + 1)] = compileChart(filled, {
          currency,
        }).vega;
      }

  // 3. The body, walking the blocks in the same order.
  let chartsPlaced = 0;
  const nextChartId = () => chartElementId(++chartsPlaced);
  const sections = doc.sections
    .map((section) => renderSection(section, nextChartId, currency))
    .join("\n");

  // 4–5. Scripts and template. The CSP lists the hashes of exactly the scripts we inline.
  const vega = readVegaBundle();
  const vegaInterpreter = readVegaInterpreterScript();
  const renderCharts = readReportFile("render-charts.js");
  const scripts = [
    ["vega.min.js", vega],
    ["vega-interpreter", vegaInterpreter],
    ["render-charts.js", renderCharts],
  ] as const;
  for (const [name, script] of scripts)
    if (/<\/script|<!--/i.test(script))
      throw new Error(`renderReport: ${name} contains "</script" or "<!--" and cannot be inlined`);
  const csp = [
    "default-src 'none'",
    // Only our three scripts run; no eval (vega-interpreter evaluates chart expressions).
    `script-src ${scripts.map(([, script]) => sha256Source(script)).join(" ")}`,
    "style-src 'unsafe-inline'",
    "img-src data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");

  return fillTemplate(readReportFile("page.html"), {
    csp: escapeHtml(csp),
    title: escapeHtml(doc.title),
    subtitle:
      doc.subtitle === undefined ? "" : `<p class="subtitle">${escapeHtml(doc.subtitle)}</p>`,
    generatedAt: escapeHtml(doc.generatedAt),
    dataWindow: escapeHtml(doc.modelCard.dataWindow),
    contents: renderContents(doc.sections),
    sections,
    modelCard: renderModelCard(doc.modelCard),
    charts: serializeJsonForScript(charts),
    vega,
    vegaInterpreter,
    renderCharts,
  });
}

/**
 * The template with each `{{slot}}` replaced by its value, in one pass (a value is never scanned
 * for slots). Every slot must be filled and every value used: a renamed slot is an error, not a
 * blank in the page. Values are HTML: callers escape text before it gets here.
 */
export function fillTemplate(template: string, slots: Record<string, string>): string {
  const used = new Set<string>();
  const html = template.replace(/\{\{([a-zA-Z]+)\}\}/g, (_match, name: string) => {
    const value = slots[name];
    if (value === undefined)
      throw new Error(`fillTemplate: the template has slot {{${name}}} but no value was given`);
    used.add(name);
    return value;
  });
  for (const name of Object.keys(slots))
    if (!used.has(name)) throw new Error(`fillTemplate: the template has no slot {{${name}}}`);
  return html;
}

function sha256Source(script: string): string {
  return `'sha256-${createHash("sha256").update(script, "utf8").digest("base64")}'`;
}

function renderContents(sections: Section[]): string {
  if (sections.length < 2) return "";
  const items = sections
    .map((s) => `<li><a href="#${escapeHtml(s.id)}">${escapeHtml(s.heading)}</a></li>`)
    .join("");
  return `<nav class="contents" aria-label="Contents"><ol>${items}<li><a href="#about-these-numbers">About these numbers</a></li></ol></nav>`;
}

function chartElementId(n: number): string {
  return `chart-${n}`;
}

function renderSection(section: Section, nextChartId: () => string, currency: string): string {
  const parts = [
    `<section class="section" id="${escapeHtml(section.id)}">`,
    `<h2>${escapeHtml(section.heading)}</h2>`,
  ];
  if (section.intro !== undefined) parts.push(`<p class="intro">${escapeHtml(section.intro)}</p>`);
  for (const block of section.blocks) {
    switch (block.kind) {
      case "headlines":
        parts.push(renderHeadlines(block));
        break;
      case "chart":
        parts.push(renderChart(block, nextChartId()));
        break;
      case "table":
        parts.push(renderTable(block, currency));
        break;
      case "text":
        parts.push(renderText(block));
        break;
      default: {
        const unknown: never = block;
        throw new Error(
          `renderReport: unknown block kind ${JSON.stringify((unknown as { kind: unknown }).kind)}`,
        );
      }
    }
  }
  parts.push("</section>");
  return parts.join("\n");
}

function renderHeadlines(block: HeadlinesBlock): string {
  const cards = block.items.map((item) => {
    const band = item.band ?? "neutral";
    if (!Object.hasOwn(BAND_LABEL, band))
      throw new Error(
        `renderReport: headline ${JSON.stringify(item.label)} has band ${JSON.stringify(band)}; expected "good", "watch", "bad" or "neutral"`,
      );
    const label = BAND_LABEL[band];
    return [
      `<div class="card band-${band}">`,
      `<div class="card-label">${escapeHtml(item.label)}</div>`,
      `<div class="card-value">${escapeHtml(item.value)}</div>`,
      item.change === undefined ? "" : `<div class="card-change">${escapeHtml(item.change)}</div>`,
      label === undefined ? "" : `<span class="pill">${label}</span>`,
      item.note === undefined ? "" : `<p class="card-note">${escapeHtml(item.note)}</p>`,
      "</div>",
    ].join("");
  });
  return `<div class="block headlines">\n${cards.join("\n")}\n</div>`;
}

function renderChart(block: ChartBlock, id: string): string {
  const caption =
    block.caption === undefined ? "" : `\n<figcaption>${escapeHtml(block.caption)}</figcaption>`;
  return [
    `<figure class="block chart-figure">`,
    `<h3>${escapeHtml(block.title)}</h3>`,
    `<div class="chart" id="${id}" role="img" aria-label="${escapeHtml(block.title)}"></div>${caption}`,
    "</figure>",
  ].join("\n");
}

function renderTable(block: TableBlock, currency: string): string {
  const numeric = block.columns.map((column) =>
    isNumericFormat(column.format, block.rows.find((row) => row[column.key] != null)?.[column.key]),
  );
  const cls = (i: number) => (numeric[i] ? ' class="num"' : "");
  const head = block.columns
    .map((c, i) => `<th scope="col"${cls(i)}>${escapeHtml(c.label)}</th>`)
    .join("");
  const body = block.rows
    .map((row) => {
      const cells = block.columns.map(
        (c, i) => `<td${cls(i)}>${escapeHtml(formatCell(row[c.key], c.format, currency))}</td>`,
      );
      return `<tr>${cells.join("")}</tr>`;
    })
    .join("\n");
  const caption =
    block.caption === undefined ? "" : `\n<figcaption>${escapeHtml(block.caption)}</figcaption>`;
  return `<figure class="block table-figure">\n<div class="table-wrap"><table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>${caption}\n</figure>`;
}

function renderText(block: TextBlock): string {
  return `<div class="block prose">\n${block.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}\n</div>`;
}

function renderModelCard(card: ModelCard): string {
  const facts: [string, string][] = [["Data window", card.dataWindow]];
  if (card.model !== undefined) facts.push(["Scoring model", card.model]);
  if (card.threshold !== undefined) facts.push(["MQL threshold", card.threshold]);
  const factList = facts
    .map(([term, value]) => `<dt>${term}</dt><dd>${escapeHtml(value)}</dd>`)
    .join("\n");
  const files =
    card.files.length === 0
      ? "<p>No export files were recorded.</p>"
      : `<div class="table-wrap"><table>\n<thead><tr><th scope="col">Export file</th><th scope="col">SHA-256 of its content</th></tr></thead>\n<tbody>\n${card.files
          .map(
            (f) =>
              `<tr><td>${escapeHtml(f.path)}</td><td><code>${escapeHtml(f.sha256)}</code></td></tr>`,
          )
          .join("\n")}\n</tbody>\n</table></div>`;
  const definitions =
    card.definitions.length === 0
      ? ""
      : `<h3>Definitions</h3>\n<dl class="definitions">\n${card.definitions
          .map((d) => `<dt>${escapeHtml(d.term)}</dt><dd>${escapeHtml(d.definition)}</dd>`)
          .join("\n")}\n</dl>`;
  return [
    `<section class="model-card" id="about-these-numbers">`,
    "<h2>About these numbers</h2>",
    `<dl class="facts">\n${factList}\n</dl>`,
    definitions,
    `<h3>Data</h3>\n<div class="block">${files}</div>`,
    `<h3>Reproduce</h3>\n<pre><code>${escapeHtml(card.command)}</code></pre>`,
    "</section>",
  ].join("\n");
}
