import { textTable as renderTextTable } from "../util/text-table.js";
import type { FeaturesResult } from "./build-features.js";
import type { FeatureProfile } from "./profile-features.js";

/** Percent with one decimal: 0.1234 → "12.3%". */
export function percent(x: number): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : "–";
}

function fixed(x: number, digits: number): string {
  return Number.isFinite(x) ? x.toFixed(digits) : "–";
}

/** A small text table: first column left-aligned, the others right-aligned (numbers). */
export function textTable(header: string[], rows: string[][]): string {
  return renderTextTable(
    header.map((h, i) => ({ header: h, align: i === 0 ? ("left" as const) : ("right" as const) })),
    rows,
  );
}

const NO_MQL_NOTE =
  "no MQL dates: a lead counts as handed to sales only when acceptance or a deal shows it, so SQL rates are 100% by construction; read the won rates";

/** The windows and counts every features / fit run states first. */
export function formatRunSummary(result: FeaturesResult): string {
  const w = result.windows;
  const l = result.labels;
  const maturity =
    w.maturitySource === "auto"
      ? `${w.maturityDays} days (auto: 90th percentile of decision-to-won days over ${w.maturityWonLeads} won leads)`
      : w.maturitySource === "default"
        ? `${w.maturityDays} days (default: only ${w.maturityWonLeads} won leads, too few to measure)`
        : `${w.maturityDays} days (config)`;
  if (!w.hasDates) {
    return [
      "no lead dates (flat export): every lead counts as mature, decision time, maturity window and intent decay do not apply, and there is no out-of-time split",
      `leads ${l.leads}; ${l.neverHanded} never handed to sales (no observed SQL outcome); won ${l.won} (${percent(l.won / Math.max(1, l.mature))}), sql ${l.sql}`,
      w.hasActivities
        ? ""
        : "no activities: intent comes from the count columns on the lead rows, if any",
      l.mqlDated === 0 ? NO_MQL_NOTE : "",
    ]
      .filter((line) => line !== "")
      .join("\n");
  }
  const lines = [
    `as of ${w.asOf ? w.asOf.toISOString().slice(0, 19).replace("T", " ") : "unknown (no dates)"}; decision time: ${w.decision === "mql" ? "mql_at (creation + scoring window when never MQL'd)" : `creation + ${w.scoringDays} days`}; maturity window ${maturity}; intent half-life ${w.halfLifeDays} days`,
    `leads ${l.leads}: ${l.mature} mature, ${l.immature} immature (outcome window not over; excluded from rates); ${l.neverHanded} mature leads never handed to sales (no observed SQL outcome)`,
    `mature outcomes: won ${l.won} (${percent(l.won / l.mature)}), sql ${l.sql} (${percent(l.sql / Math.max(1, l.mature - l.neverHanded))} of those handed to sales)`,
  ];
  if (l.mqlDated === 0) lines.push(NO_MQL_NOTE);
  if (!w.hasActivities)
    lines.push("no activities: intent comes from the count columns on the lead rows, if any");
  return lines.join("\n");
}

/** One feature's block of the terminal profile. */
export function formatFeature(p: FeatureProfile, target: "won" | "sql"): string {
  const trend = p.trend && p.trend !== "none" ? `, ${p.trend}` : "";
  const head = `${p.feature}  IV ${p.iv.toFixed(3)} ${p.band}  (${p.family}, ${p.kind}${trend})`;
  const rows = p.bins.map((b) => [
    b.label,
    String(b.leads),
    String(b.won),
    `${percent(b.wonRate)} [${percent(b.wonLow)}, ${percent(b.wonHigh)}]`,
    b.handed > 0 ? `${percent(b.sqlRate)} [${percent(b.sqlLow)}, ${percent(b.sqlHigh)}]` : "–",
    fixed(b.lift, 2),
    fixed(b.woe, 2),
    b.thin ? "thin" : "",
  ]);
  const table = textTable(
    [
      "  bin",
      "leads",
      "won",
      "won rate [95% CI]",
      "SQL rate [95% CI]",
      `lift (${target})`,
      "WoE",
      "",
    ],
    rows.map((r) => [`  ${r[0]}`, ...r.slice(1)]),
  );
  const warnings = p.warnings.map((w) => `  ! ${w}`);
  return [head, table, ...warnings].join("\n");
}

/** The whole terminal profile. */
export function formatProfile(result: FeaturesResult): string {
  const parts = [formatRunSummary(result), ""];
  parts.push(
    `features by information value for target ${result.target} (bands: < 0.02 none, 0.02–0.1 weak, 0.1–0.3 medium, > 0.3 strong; > 0.5 suspicious)`,
  );
  parts.push(
    textTable(
      ["feature", "IV", "band", "family"],
      result.profiles.map((p) => [p.feature, p.iv.toFixed(3), p.band, p.family]),
    ),
  );
  for (const p of result.profiles) parts.push("", formatFeature(p, result.target));
  return parts.join("\n");
}
