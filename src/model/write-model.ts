import { stringify } from "yaml";
import type { FittedBin, FittedScorecard, SplitMetrics } from "../features/fit-scorecard.js";
import { RESERVED_CATEGORY_KEYS } from "./model-file.js";

/** The header of a fitted model file. */
export interface ModelHeader {
  name: string;
  description?: string;
  /** ISO date-time the model was fitted. */
  /** When the data ends (its as-of), or omitted: never the wall clock, so output is reproducible. */
  created?: string | undefined;
  /** ISO dates: the creation dates of the leads it was fitted and validated on. */
  dataWindow?: { from: string; to: string };
  command: string;
  /** Half-life written on activity rules (the features stage's). */
  halfLifeDays: number;
  /** How train and validation were split, in words. */
  splitNote: string;
}

/**
 * Write a fitted scorecard as a model file (the format of src/model/model-file.ts) that a
 * person can read: every rule carries a comment with its evidence on the training leads (bin
 * size, target rate, lift), the header records the data window, the metrics and the command.
 * `parseModel(writeModel(s, h))` gives back the same rules (tested).
 */
export function writeModel(card: FittedScorecard, header: ModelHeader): string {
  const t = card.target;
  const lines: string[] = [];
  const basePct = (100 * card.baseOdds) / (1 + card.baseOdds);
  lines.push(
    `# Handoff scorecard: target ${t}, fitted by \`handoff fit\`.`,
    "# How to read it: a lead's score is the sum of its fit-rule points (who it is) and its",
    `# intent-rule points (what it did, decaying with a ${header.halfLifeDays}-day half-life, capped per rule).`,
    `# Every ${card.pointsToDoubleOdds} points double the odds of ${t}; a lead with 0 points has odds`,
    `# ${fmt(card.baseOdds, 4)} (${basePct.toFixed(1)}%). Evidence comments: training leads in the bin, ${t} rate, lift over the base rate.`,
    `# Split: ${header.splitNote}.`,
    "version: 1",
    `name: ${scalar(header.name)}`,
  );
  if (header.description !== undefined) lines.push(`description: ${scalar(header.description)}`);
  lines.push(`target: ${t}`);
  if (header.created) lines.push(`created: ${header.created}`);
  if (header.dataWindow !== undefined)
    lines.push(`data_window: { from: ${header.dataWindow.from}, to: ${header.dataWindow.to} }`);
  lines.push(`command: ${scalar(header.command)}`);
  lines.push(
    "scaling:",
    `  points_to_double_odds: ${card.pointsToDoubleOdds}`,
    "  base_points: 0",
    `  base_odds: ${fmt(card.baseOdds, 6)}`,
  );
  lines.push("metrics:");
  for (const [key, pick] of METRICS) {
    const train = pick(card.train);
    const validation = card.validation === null ? null : pick(card.validation);
    const parts = [train === null ? null : `train: ${fmt(train, 4)}`];
    if (validation !== null) parts.push(`validation: ${fmt(validation, 4)}`);
    const body = parts.filter((p) => p !== null).join(", ");
    if (body !== "") lines.push(`  ${key}: { ${body} }`);
  }
  lines.push(`threshold: ${card.threshold}  # ${card.thresholdNote}`);

  lines.push(card.fitRules.length > 0 ? "fit_rules:" : "fit_rules: []");
  for (const rule of card.fitRules) {
    const ref = rule.bins.find((b) => b.reference);
    lines.push(
      `  # ${rule.feature}: IV ${rule.iv.toFixed(3)}; reference bin ${ref ? JSON.stringify(ref.label) : "none"} = 0 points`,
    );
    lines.push(`  - field: ${rule.feature}`);
    if (rule.kind === "categorical") {
      lines.push("    points:");
      const reserved = new Set<string>(RESERVED_CATEGORY_KEYS);
      for (const b of rule.bins) {
        const key = b.role === "category" ? (b.category as string) : b.role;
        if (b.role === "category" && reserved.has(key)) continue; // the reserved key wins
        lines.push(`      ${scalar(key)}: ${b.points}${evidence(b, t)}`);
      }
    } else {
      lines.push("    bins:");
      const missing = rule.bins.find((b) => b.role === "missing");
      for (const b of rule.bins.filter((x) => x.role === "range")) {
        const bounds = [
          b.lo === null ? null : `min: ${b.lo}`,
          b.hi === null ? null : `max: ${b.hi}`,
          `points: ${b.points}`,
        ].filter((p) => p !== null);
        lines.push(`      - { ${bounds.join(", ")} }${evidence(b, t)}`);
      }
      if (missing !== undefined)
        lines.push(`    missing: ${missing.points}${evidence(missing, t)}`);
    }
  }

  const kept = card.intentRules.filter((r) => r.omitted === null);
  lines.push(kept.length > 0 ? "intent_rules:" : "intent_rules: []");
  for (const r of kept) {
    lines.push(
      `  # ${r.feature}: IV ${r.iv.toFixed(3)}; ${fmt(r.beta, 3)} log-odds per ${"activity" in r.source ? "decayed event" : "count"} (SE ${fmt(r.standardError, 3)}); top bin ${r.topBinLeads} leads, ${t} ${pct(r.topBinRate)}, lift ${fmt(r.topBinLift, 2)}; cap at ${fmt(r.capEvents, 2)} events`,
    );
    if ("activity" in r.source) {
      lines.push(`  - activity: ${scalar(r.source.activity)}`);
      lines.push(`    points: ${r.pointsPerEvent}`, `    cap: ${r.capPoints}`);
      lines.push(`    half_life_days: ${header.halfLifeDays}`);
    } else {
      lines.push(`  - count_column: ${r.source.countColumn}`);
      lines.push(`    points: ${r.pointsPerEvent}`, `    cap: ${r.capPoints}`);
    }
  }
  lines.push("gates: []  # none fitted; add firmographic gates by hand (see docs/backtest.md)");
  const notes = [
    ...card.intentRules.filter((r) => r.omitted !== null).map((r) => `${r.feature}: ${r.omitted}`),
    ...card.skipped.map((s) => `${s.feature}: ${s.reason}`),
  ];
  if (notes.length > 0) {
    lines.push("# Considered and left out:");
    for (const n of notes) lines.push(`#   ${n}`);
  }
  return `${lines.join("\n")}\n`;
}

const METRICS: [string, (m: SplitMetrics) => number | null][] = [
  ["leads", (m) => m.leads],
  [`target_rate`, (m) => m.rate],
  ["auc", (m) => m.auc],
  ["gini", (m) => m.gini],
  ["ks", (m) => m.ks],
  ["brier", (m) => m.brier],
];

function evidence(b: FittedBin, target: string): string {
  if (b.leads === 0) return "  # no training leads";
  return `  # ${b.leads} leads, ${target} ${pct(b.rate)}, lift ${fmt(b.lift, 2)}`;
}

function pct(x: number): string {
  return Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : "–";
}

function fmt(x: number, digits: number): string {
  if (!Number.isFinite(x)) return "null";
  return String(Number(x.toFixed(digits)));
}

/** A YAML scalar, quoted when it needs to be (yaml's own rules). */
function scalar(value: string): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}
