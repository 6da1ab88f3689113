import { describe, expect, it } from "vitest";
import { escapeHtml, renderReport } from "../../../src/report/index.js";
import { spendTotals } from "../../../src/report/pages/board.js";
import { buildChannelsReport } from "../../../src/report/pages/channels.js";
import type { ChannelsInputs } from "../../../src/report/pages/page-inputs.js";
import type { ChartBlock, ReportDocument, TableBlock } from "../../../src/report/types.js";
import { HOSTILE } from "../demo-document.js";
import { hubspotInputs } from "./fixture.js";
import { chartSchemaErrors } from "./validate-spec.js";

function channels(): ChannelsInputs {
  return hubspotInputs().channels;
}

function section(doc: ReportDocument, id: string) {
  const found = doc.sections.find((s) => s.id === id);
  if (!found) throw new Error(`no section ${id}`);
  return found;
}

describe("buildChannelsReport(inputs)", () => {
  it("tabulates the channels with spend, cheapest per won deal first", () => {
    const inputs = channels();
    if (!inputs.channels.ok) throw new Error("fixture has no channels");
    const table = section(buildChannelsReport(inputs), "economics").blocks[1] as TableBlock;
    expect(table.rows.map((r) => r.channel)).toEqual([
      "Email Marketing",
      "Paid Search",
      "Paid Social",
      "Offline Sources",
    ]);
    expect(table.rows[0]).toMatchObject({ spend: expect.closeTo(25_823.54, 2), mqls: 66, won: 13 });
    const totals = spendTotals(inputs.channels.value.economics.rows);
    expect(table.rows.map((r) => r.cac)).toEqual(totals.map((r) => r.cac));
  });

  it("charts failure modes against all MQLs and lists the ones it cannot compute", () => {
    const doc = buildChannelsReport(channels());
    const [chart, table] = section(doc, "failure-modes").blocks as [ChartBlock, TableBlock];
    expect((chart.data.bins ?? []).map((b) => b.bin)).toEqual([
      "Form fill only",
      "Single session",
      "Recycled lead",
    ]);
    expect(chart.data.overall).toEqual([
      { rate: expect.closeTo(0.365, 3), label: "All MQLs 36.5%" },
    ]);
    const persona = table.rows.find((r) => r.mode === "Outside the ideal customer profile");
    expect(String(persona?.reason)).toContain("needs ICP rules");
  });

  it("says why channel economics are missing when no spend is loaded", () => {
    const doc = buildChannelsReport({
      ...channels(),
      channels: { ok: false, reason: "no spend is loaded" },
    });
    expect(JSON.stringify(section(doc, "economics").blocks)).toContain(
      "Channel economics are not available: no spend is loaded",
    );
  });

  it("fills every chart with data valid against the Vega-Lite schema", () => {
    expect(chartSchemaErrors(buildChannelsReport(channels()))).toEqual([]);
  });

  it("renders a hostile lead source as text in tables and chart data", () => {
    const inputs = channels();
    if (!inputs.channels.ok) throw new Error("fixture has no channels");
    const row = spendTotals(inputs.channels.value.economics.rows)[0];
    if (!row) throw new Error("no channel");
    row.channel = HOSTILE;
    const html = renderReport(buildChannelsReport(inputs));
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain(`<td>${escapeHtml(HOSTILE)}</td>`);
    expect(html).toContain("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)");
    expect(html.match(/<script[\s>]/g)).toHaveLength(4);
  });
});
