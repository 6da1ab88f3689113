import { describe, expect, it } from "vitest";
import { escapeHtml, type ReportDocument, renderReport } from "../../../src/report/index.js";
import { buildBoardReport, quarterRows, spendTotals } from "../../../src/report/pages/board.js";
import type { BoardInputs } from "../../../src/report/pages/page-inputs.js";
import type {
  ChartBlock,
  HeadlinesBlock,
  TableBlock,
  TextBlock,
} from "../../../src/report/types.js";
import { HOSTILE } from "../demo-document.js";
import { hubspotInputs } from "./fixture.js";
import { chartSchemaErrors } from "./validate-spec.js";

function board(): BoardInputs {
  return hubspotInputs().board;
}

function blocksOf<K extends string>(doc: ReportDocument, kind: K) {
  return doc.sections.flatMap((s) => s.blocks.filter((b) => b.kind === kind));
}

function section(doc: ReportDocument, id: string) {
  const found = doc.sections.find((s) => s.id === id);
  if (!found) throw new Error(`no section ${id}`);
  return found;
}

function funnelOf(inputs: BoardInputs) {
  if (!inputs.funnel.ok) throw new Error("fixture has no funnel");
  return inputs.funnel.value;
}

describe("buildBoardReport(inputs)", () => {
  it("heads with MQLs of the latest complete quarter and its change against the quarter before", () => {
    const inputs = board();
    const rows = quarterRows(funnelOf(inputs));
    const asOf = funnelOf(inputs).windows.asOf.getTime();
    const complete = rows.filter((r) => (r.cohort_end as Date).getTime() <= asOf);
    const [last, prev] = [complete.at(-1), complete.at(-2)];
    const cards = (blocksOf(buildBoardReport(inputs), "headlines")[0] as HeadlinesBlock).items;
    expect(cards.map((c) => c.label.replace(/, \d{4} Q\d$/, ""))).toEqual([
      "MQLs",
      "MQL→SQL",
      "MQL→won",
      "Pipeline from MQLs",
      "Won revenue from MQLs",
    ]);
    expect(cards[0]?.label).toBe("MQLs, 2026 Q3");
    expect(cards[0]?.value).toBe(last?.mqls.toLocaleString("en-US"));
    const change = Math.round((((last?.mqls ?? 0) - (prev?.mqls ?? 0)) / (prev?.mqls ?? 1)) * 100);
    expect(cards[0]?.change).toBe(`${change > 0 ? "+" : "−"}${Math.abs(change)}% vs 2026 Q2`);
    // capacity 21 a week over 13 weeks: the quarter's MQLs are within it
    expect(cards[0]?.band).toBe("good");
  });

  it("takes rates from the latest mature quarter and bands MQL→SQL by the healthy range", () => {
    const inputs = board();
    const mature = quarterRows(funnelOf(inputs)).filter((r) => r.mature);
    const last = mature.at(-1);
    const sqlCard = (blocksOf(buildBoardReport(inputs), "headlines")[0] as HeadlinesBlock).items[1];
    expect(sqlCard?.label).toBe("MQL→SQL, 2026 Q1");
    expect(sqlCard?.value).toBe(`${((last?.rates.mqlToSql.estimate ?? 0) * 100).toFixed(1)}%`);
    expect(sqlCard?.band).toBe("good");
    // a stricter band puts the same rate outside it
    const strict = { ...inputs, healthBand: { tooLooseBelow: 0.3, tooStrictAbove: 0.5 } };
    expect(
      (blocksOf(buildBoardReport(strict), "headlines")[0] as HeadlinesBlock).items[1]?.band,
    ).toBe("bad");
  });

  it("marks immature quarters instead of plotting their rates as a fall", () => {
    const inputs = board();
    const rows = quarterRows(funnelOf(inputs));
    const immature = rows.filter((r) => !r.mature);
    expect(immature.length).toBeGreaterThan(0);
    const doc = buildBoardReport(inputs);
    const trend = section(doc, "trends").blocks[0] as ChartBlock;
    const periods = (trend.data.trend ?? []).map((r) => r.period);
    for (const r of immature)
      expect(periods).not.toContain((r.cohort_start as Date).toISOString().slice(0, 10));
    const first = immature[0]?.cohort_start;
    if (!first) throw new Error("no immature quarter");
    expect(trend.data.immature).toEqual([
      expect.objectContaining({ from: first.toISOString().slice(0, 10) }),
    ]);
    const table = section(doc, "funnel").blocks[1] as TableBlock;
    const youngRow = table.rows.find((r) => r.quarter === "2026 Q2");
    expect(youngRow).toMatchObject({ mqlToSql: null, mqlToWon: null });
    expect(String(youngRow?.status)).toMatch(/^still maturing until 2026-12-14$/);
  });

  it("writes its summary from the figures, so other figures give other sentences", () => {
    const inputs = board();
    const text = (doc: ReportDocument) =>
      (section(doc, "summary").blocks.at(-1) as TextBlock).paragraphs.join("\n");
    const before = text(buildBoardReport(inputs));
    expect(before).toContain("In 2026 Q3 marketing passed 174 MQLs to sales, down 6% on 2026 Q2");
    expect(before).toContain("Email Marketing won customers most cheaply ($1,986");
    const funnel = funnelOf(inputs);
    const q3 = funnel.cohorts.find((r) => r.cohort_start?.toISOString().startsWith("2026-07-01"));
    if (!q3) throw new Error("no 2026 Q3");
    q3.mqls = 400;
    const after = text(buildBoardReport(inputs));
    expect(after).toContain("In 2026 Q3 marketing passed 400 MQLs to sales, up 115% on 2026 Q2");
    expect(after).toContain("more than sales' capacity");
  });

  it("shows cost per MQL, SQL and won for the channels with spend, cheapest per won deal first", () => {
    const inputs = board();
    if (!inputs.channels.ok) throw new Error("fixture has no channels");
    const chart = section(buildBoardReport(inputs), "cost").blocks[0] as ChartBlock;
    const channels = [...new Set((chart.data.costs ?? []).map((r) => r.channel))];
    expect(channels).toEqual(
      spendTotals(inputs.channels.value.economics.rows).map((r) => r.channel),
    );
    expect(channels[0]).toBe("Email Marketing");
  });

  it("for data without creation dates shows all-time figures and says what is missing", () => {
    const inputs: BoardInputs = {
      ...board(),
      funnel: { ok: false, reason: "no lead has a create date" },
      channels: { ok: false, reason: "no spend is loaded" },
      totals: {
        leads: 3047,
        mqls: 0,
        sqls: 0,
        won: 0,
        sql_without_mql: 289,
        pipeline: 0,
        won_revenue: 0,
        all_sqls: 289,
        all_won: 120,
        all_won_revenue: 2_312_800,
      },
    };
    const doc = buildBoardReport(inputs);
    expect(doc.sections.map((s) => s.id)).toEqual(["summary", "cost"]);
    const cards = (blocksOf(doc, "headlines")[0] as HeadlinesBlock).items;
    expect(cards.map((c) => [c.label, c.value])).toEqual([
      ["Leads", "3,047"],
      ["Accepted by sales", "289"],
      ["Won", "120"],
      ["Won revenue", "$2.3M"],
    ]);
    const text = (blocksOf(doc, "text") as TextBlock[]).flatMap((b) => b.paragraphs).join("\n");
    expect(text).toContain("no MQL date");
    expect(text).toContain("need lead creation dates");
    expect(text).toContain("no spend is loaded");
    expect(blocksOf(doc, "chart")).toEqual([]);
  });

  it("ends with a model card naming the files, their hashes and the command", () => {
    const inputs = board();
    const card = buildBoardReport(inputs).modelCard;
    expect(card.files.map((f) => f.sha256)).toEqual(inputs.context.files.map((f) => f.sha256));
    expect(card.files[0]?.path).toBe("contacts.csv (leads, 4,999 rows)");
    expect(card.command).toBe("handoff --config sample-data/hubspot/handoff.yaml report board");
    expect(card.dataWindow).toContain("data as of 2026-11-14");
    expect(card.definitions.map((d) => d.term)).toContain("Mature period / immature");
  });

  it("fills every chart with data valid against the Vega-Lite schema", () => {
    expect(chartSchemaErrors(buildBoardReport(board()))).toEqual([]);
  });

  it("renders the same bytes for the same results, under 5 MB", () => {
    const html = renderReport(buildBoardReport(board()));
    expect(renderReport(buildBoardReport(board()))).toBe(html);
    expect(Buffer.byteLength(html)).toBeLessThan(5 * 1024 * 1024);
  });

  it("renders a hostile channel or owner name as text, never as markup", () => {
    const inputs = board();
    if (!inputs.channels.ok || !inputs.funnel.ok || "notComputable" in inputs.funnel.value.sla)
      throw new Error("fixture lacks channels or SLA");
    const row = spendTotals(inputs.channels.value.economics.rows)[0];
    if (!row) throw new Error("no channel");
    row.channel = HOSTILE;
    const owner = inputs.funnel.value.sla.rows.find((r) => r.dimension === "owner");
    if (!owner) throw new Error("no owner");
    owner.value = HOSTILE;
    const html = renderReport(buildBoardReport(inputs));
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain(escapeHtml(HOSTILE)); // in the summary and the SLA table
    expect(html.match(/<script[\s>]/g)).toHaveLength(4);
  });
});

describe("tidyChartData(doc)", () => {
  it("rounds chart numbers so last-bit noise in a sum gives the same bytes", () => {
    const inputs = board();
    if (!inputs.channels.ok) throw new Error("fixture has no channels");
    const html = renderReport(buildBoardReport(inputs));
    for (const row of inputs.channels.value.economics.rows)
      if (row.cost_per_mql !== null) row.cost_per_mql *= 1 + 1e-15;
    expect(renderReport(buildBoardReport(inputs))).toBe(html);
  });
});
