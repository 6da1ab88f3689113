import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fillTemplate, type ReportDocument, renderReport } from "../../src/report/index.js";
import { demoDocument, HOSTILE } from "./demo-document.js";

const html = renderReport(demoDocument());

/** The page with the contents of its script elements removed: the markup a browser parses. */
function markupOf(page: string): string {
  return page.replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/g, "$1</script>");
}

/** The contents of each script element, in order. */
function scriptsOf(page: string): string[] {
  return [...page.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1] as string);
}

function minimal(overrides: Partial<ReportDocument> = {}): ReportDocument {
  return {
    title: "T",
    generatedAt: "2025-01-01T00:00:00Z",
    sections: [],
    modelCard: { dataWindow: "2024", files: [], definitions: [], command: "handoff report" },
    ...overrides,
  };
}

describe("renderReport(doc)", () => {
  it("gives the same bytes for the same document", () => {
    expect(renderReport(demoDocument())).toBe(html);
  });

  it("never lets the hostile lead source out as markup: only the page's own four script elements", () => {
    // chart data (JSON), vega, vega-interpreter, render-charts.js
    expect(html.match(/<script/gi)).toHaveLength(4);
    expect(html.match(/<\/script/gi)).toHaveLength(4);
    expect(html).not.toContain(HOSTILE);
    expect(html).not.toContain("alert(1)</");
  });

  it("shows the hostile string as escaped text in headlines, paragraphs, tables, captions and the model card", () => {
    const escaped = "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;";
    const markup = markupOf(html);
    expect(markup).toContain(`<p class="card-note">Highest in ${escaped}.</p>`);
    expect(markup).toContain(`including one named ${escaped}.</p>`);
    expect(markup).toContain(`<td>${escaped}</td>`);
    expect(markup).toContain(`<figcaption>${escaped} had no SQL in the period.</figcaption>`);
    expect(markup).toContain(`<td>exports/${escaped}.csv</td>`);
    expect(markup).toContain(`# source &quot;${escaped}&quot;</code></pre>`);
  });

  it("inlines chart data as JSON that parses back to the hostile string", () => {
    const json = scriptsOf(html)[0] as string;
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    const charts = JSON.parse(json) as Record<
      string,
      { data: { values?: { channel?: string }[] }[] }
    >;
    expect(Object.keys(charts)).toHaveLength(8);
    const channels = Object.values(charts).flatMap((spec) =>
      spec.data.flatMap((d) => (d.values ?? []).map((v) => v.channel)),
    );
    expect(channels).toContain(HOSTILE);
  });

  it("lists in its Content-Security-Policy the hashes of exactly its three executable scripts, and no eval", () => {
    const attribute = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(
      html,
    )?.[1];
    const csp = (attribute ?? "").replaceAll("&#39;", "'");
    expect(csp).toContain("default-src 'none'");
    const [, ...executable] = scriptsOf(html);
    expect(executable).toHaveLength(3);
    const hashes = executable.map(
      (s) =>
        `'sha256-${createHash("sha256")
          .update(s as string)
          .digest("base64")}'`,
    );
    expect(csp).toContain(`script-src ${hashes.join(" ")};`);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("style-src 'unsafe-inline'"); // styles only: vega sets style attributes
  });

  it("loads nothing: no src, href to another file, stylesheet link or url() in its markup", () => {
    const markup = markupOf(html);
    expect(markup).not.toMatch(/\ssrc=/i);
    expect(markup).not.toMatch(/<link\b/i);
    expect(markup).not.toMatch(/url\(/i);
    for (const href of markup.matchAll(/href="([^"]*)"/g)) expect(href[1]).toMatch(/^#[a-z0-9-]+$/);
  });

  it("puts one chart container per chart block, each with an id the chart data uses", () => {
    const ids = [...html.matchAll(/<div class="chart" id="(chart-\d+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(Object.keys(JSON.parse(scriptsOf(html)[0] as string)));
  });

  it("gives the same chart block used twice two containers and two charts", () => {
    const block = {
      kind: "chart" as const,
      chart: "common/lift-by-decile",
      title: "Lift",
      data: { deciles: [{ decile: 1, lift: 2, rate: 0.2, n: 5 }] },
    };
    const page = renderReport(
      minimal({ sections: [{ id: "s", heading: "S", blocks: [block, block] }] }),
    );
    const ids = [...page.matchAll(/<div class="chart" id="(chart-\d+)"/g)].map((m) => m[1]);
    expect(ids).toEqual(["chart-1", "chart-2"]);
    expect(Object.keys(JSON.parse(scriptsOf(page)[0] as string))).toEqual(["chart-1", "chart-2"]);
  });

  it("formats table cells by column and right-aligns figures", () => {
    expect(html).toContain(
      '<tr><td>Paid search</td><td class="num">$184,000</td><td class="num">2,165</td><td class="num">20.7%</td><td class="num">$410</td><td class="num">7.25</td></tr>',
    );
  });

  it("labels headline bands in words, not colour alone", () => {
    expect(html).toContain('<div class="card band-bad">');
    expect(html).toContain('<span class="pill">Needs action</span>');
  });

  it("uses the document's currency in tables and charts", () => {
    const euro = demoDocument();
    euro.currency = "EUR";
    const page = renderReport(euro);
    expect(page).toContain('<td class="num">€184,000</td>');
    expect(scriptsOf(page)[0]).toContain('"currency":["€",""]');
  });

  it("renders a document with no sections: cover, model card, an empty chart list", () => {
    const page = renderReport(minimal());
    expect(scriptsOf(page)[0]).toBe("{}");
    expect(page).toContain('<section class="model-card" id="about-these-numbers">');
    expect(page).not.toContain('<nav class="contents"');
  });

  it("rejects a headline band it does not know", () => {
    const headlines = {
      kind: "headlines" as const,
      items: [{ label: "X", value: "1", band: "great" as "good" }],
    };
    expect(() =>
      renderReport(minimal({ sections: [{ id: "s", heading: "S", blocks: [headlines] }] })),
    ).toThrow('headline "X" has band "great"');
  });

  it("rejects section ids that are not anchors, or used twice", () => {
    const section = { id: "Summary!", heading: "S", blocks: [] };
    expect(() => renderReport(minimal({ sections: [section] }))).toThrow('got "Summary!"');
    const twice = { id: "a", heading: "S", blocks: [] };
    expect(() => renderReport(minimal({ sections: [twice, twice] }))).toThrow(
      'section id "a" is used twice',
    );
    const clash = { id: "chart-1", heading: "S", blocks: [] };
    expect(() => renderReport(minimal({ sections: [clash] }))).toThrow(
      'section id "chart-1" is reserved',
    );
  });

  it("names the chart, data set, row and field when a chart's data does not fit its spec", () => {
    const doc = minimal({
      sections: [
        {
          id: "s",
          heading: "S",
          blocks: [
            {
              kind: "chart",
              chart: "common/lift-by-decile",
              title: "Lift",
              data: { deciles: [{ decile: 1, lift: "3", rate: 0.3, n: 5 }] },
            },
          ],
        },
      ],
    });
    expect(() => renderReport(doc)).toThrow(
      'fillSpec: chart "common/lift-by-decile" data "deciles" row 0 field "lift" must be a number; got "3"',
    );
  });
});

describe("fillTemplate(template, slots)", () => {
  it("fills every slot once and does not rescan values", () => {
    expect(fillTemplate("<p>{{a}}</p><p>{{b}}</p>", { a: "{{b}}", b: "$&" })).toBe(
      "<p>{{b}}</p><p>$&</p>",
    );
  });
  it("rejects a slot without a value, and a value without a slot", () => {
    expect(() => fillTemplate("{{a}}", {})).toThrow(
      "the template has slot {{a}} but no value was given",
    );
    expect(() => fillTemplate("x", { a: "1" })).toThrow("the template has no slot {{a}}");
  });
});
