import type { FittedScorecard, SplitMetrics } from "./fit-scorecard.js";
import { percent, textTable } from "./format-profile.js";

function num(x: number | null, digits = 3): string {
  return x === null || !Number.isFinite(x) ? "–" : x.toFixed(digits);
}

/** Metrics side by side, then the decile tables (calibration and lift) of each split. */
export function formatFit(card: FittedScorecard): string {
  const splits: [string, SplitMetrics | null][] = [
    ["train", card.train],
    ["validation", card.validation],
  ];
  const parts: string[] = [];
  parts.push(
    textTable(
      ["split", "leads", card.target, "rate", "AUC", "Gini", "KS", "Brier"],
      splits
        .filter((s): s is [string, SplitMetrics] => s[1] !== null)
        .map(([name, m]) => [
          name,
          String(m.leads),
          String(m.events),
          percent(m.rate),
          num(m.auc),
          num(m.gini),
          num(m.ks),
          num(m.brier, 4),
        ]),
    ),
  );
  for (const [name, m] of splits) {
    if (m === null) continue;
    parts.push(
      "",
      `${name}: calibration and lift by score decile (1 = highest scores)`,
      textTable(
        ["decile", "scores", "leads", card.target, "observed", "predicted", "lift", "cum. share"],
        m.deciles.map((d) => [
          String(d.group),
          `${round1(d.minScore)} to ${round1(d.maxScore)}`,
          String(d.n),
          String(d.events),
          percent(d.rate),
          d.meanPredicted === null ? "–" : percent(d.meanPredicted),
          num(d.lift, 2),
          percent(d.cumulativeEventShare),
        ]),
      ),
    );
  }
  parts.push("", `rules (points; every ${card.pointsToDoubleOdds} points double the odds):`);
  for (const r of card.fitRules) {
    parts.push(
      `  ${r.feature} (IV ${r.iv.toFixed(3)}): ${r.bins
        .filter((b) => b.leads > 0)
        .map((b) => `${b.label} ${b.points > 0 ? "+" : ""}${b.points}`)
        .join(", ")}`,
    );
  }
  for (const r of card.intentRules) {
    const what =
      r.omitted ??
      `${r.pointsPerEvent > 0 ? "+" : ""}${r.pointsPerEvent} per event, cap ${r.capPoints}`;
    parts.push(`  ${r.feature} (IV ${r.iv.toFixed(3)}): ${what}`);
  }
  parts.push("", `suggested threshold ${card.threshold}: ${card.thresholdNote}`);
  if (!card.converged)
    parts.push(
      `warning: the regression did not converge in ${card.iterations} steps${card.separation ? " (separation: a bin predicts the outcome perfectly; raise --l2)" : ""}`,
    );
  return parts.join("\n");
}

function round1(x: number): string {
  return String(Math.round(x * 10) / 10);
}
