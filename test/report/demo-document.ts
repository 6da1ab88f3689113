import type { ReportDocument } from "../../src/report/index.js";

/**
 * A demo report for tests: every block kind and every starter chart in `reports/common/`, with
 * hand-made fixture figures (not from any analysis). One lead source is named with markup,
 * `HOSTILE`, to prove every path from an export to the page escapes it.
 */
export const HOSTILE = "</script><script>alert(1)</script>";

/** The charts in reports/common/, each used once below. */
export const COMMON_CHARTS = [
  "common/iv-by-feature",
  "common/rate-by-bin",
  "common/threshold-tradeoff",
  "common/conversion-trend",
  "common/funnel-by-cohort",
  "common/calibration",
  "common/lift-by-decile",
  "common/cost-by-channel",
] as const;

/** Sample rows for each starter chart's named data. */
export const SAMPLE_DATA: Record<
  (typeof COMMON_CHARTS)[number],
  Record<string, Record<string, unknown>[]>
> = {
  "common/iv-by-feature": {
    features: [
      { feature: "Demo requested", iv: 0.61, band: "suspicious" },
      { feature: "Pricing page views", iv: 0.42, band: "strong" },
      { feature: "Company size (employees)", iv: 0.27, band: "medium" },
      { feature: "Seniority", iv: 0.18, band: "medium" },
      { feature: "Webinar attended", iv: 0.09, band: "weak" },
      { feature: "Industry", iv: 0.06, band: "weak" },
      { feature: `Lead source: ${HOSTILE}`, iv: 0.035, band: "weak" },
      { feature: "Email clicks", iv: 0.012, band: "useless" },
    ],
  },
  "common/rate-by-bin": {
    bins: [
      { bin: "0 views", order: 0, rate: 0.061, lower: 0.052, upper: 0.071, n: 2412 },
      { bin: "1", order: 1, rate: 0.094, lower: 0.079, upper: 0.111, n: 1330 },
      { bin: "2-3", order: 2, rate: 0.142, lower: 0.121, upper: 0.166, n: 905 },
      { bin: "4-6", order: 3, rate: 0.213, lower: 0.178, upper: 0.253, n: 468 },
      { bin: "7+", order: 4, rate: 0.318, lower: 0.262, upper: 0.38, n: 241 },
    ],
    overall: [{ rate: 0.104, label: "All leads 10.4%" }],
  },
  "common/threshold-tradeoff": {
    curves: [30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80].flatMap((threshold, i) => [
      { threshold, metric: "SQL rate of MQLs", value: 0.14 + i * 0.026 },
      { threshold, metric: "Share of won deals kept", value: 0.99 - i * i * 0.0062 },
      { threshold, metric: "Share of leads passed to sales", value: 0.62 * Math.exp(-i * 0.19) },
    ]),
    health: [{ lower: 0.25, upper: 0.35, label: "Target SQL rate 25-35%" }],
    markers: [
      { threshold: 55, kind: "recommended", label: "Recommended 55" },
      { threshold: 40, kind: "current", label: "Current 40" },
    ],
  },
  "common/conversion-trend": {
    trend: [
      ["2024-01-01", 0.162, 1204],
      ["2024-02-01", 0.171, 1130],
      ["2024-03-01", 0.158, 1321],
      ["2024-04-01", 0.149, 1402],
      ["2024-05-01", 0.181, 1288],
      ["2024-06-01", 0.193, 1190],
      ["2024-07-01", 0.201, 1012],
      ["2024-08-01", 0.188, 980],
      ["2024-09-01", 0.214, 1240],
      ["2024-10-01", 0.226, 1360],
      ["2024-11-01", 0.219, 1275],
      ["2024-12-01", 0.231, 905],
    ].map(([period, rate, n]) => {
      const r = rate as number;
      const half = 1.96 * Math.sqrt((r * (1 - r)) / (n as number));
      return { period, rate: r, lower: r - half, upper: r + half, n };
    }),
    target: [{ rate: 0.2, label: "Target 20%" }],
  },
  "common/funnel-by-cohort": {
    funnel: [
      "Q1 2024 (n=3,655)",
      "Q2 2024 (n=3,880)",
      "Q3 2024 (n=3,232)",
      "Q4 2024 (n=3,540)",
    ].flatMap((cohort, c) =>
      [
        ["Lead only", 0.58 - c * 0.03],
        ["MQL", 0.24],
        ["SQL", 0.12 + c * 0.02],
        ["Won", 0.06 + c * 0.01],
      ].map(([stage, share], s) => ({
        cohort,
        cohort_order: c,
        stage,
        stage_order: s,
        count: Math.round((share as number) * 3500),
      })),
    ),
  },
  "common/calibration": {
    calibration: [
      [0.03, 0.025, 2100],
      [0.07, 0.064, 1650],
      [0.12, 0.131, 1120],
      [0.18, 0.2, 760],
      [0.26, 0.29, 430],
      [0.37, 0.35, 240],
      [0.52, 0.49, 110],
    ].map(([predicted, observed, n]) => {
      const o = observed as number;
      const half = 1.96 * Math.sqrt((o * (1 - o)) / (n as number));
      return { predicted, observed: o, lower: Math.max(0, o - half), upper: o + half, n };
    }),
  },
  "common/lift-by-decile": {
    deciles: [3.1, 2.2, 1.7, 1.3, 1.0, 0.8, 0.6, 0.5, 0.4, 0.3].map((lift, i) => ({
      decile: i + 1,
      lift,
      rate: lift * 0.104,
      n: 480,
    })),
  },
  "common/cost-by-channel": {
    costs: [
      ["Paid search", 85, 410, 2950],
      ["Paid social", 62, 520, 4870],
      ["Events", 240, 690, 3400],
      ["Content", 38, 300, 2100],
      [HOSTILE, 120, null, null],
    ].flatMap(([channel, mql, sql, won]) => [
      { channel, outcome: "MQL", cost: mql },
      { channel, outcome: "SQL", cost: sql },
      { channel, outcome: "Won", cost: won },
    ]),
  },
};

/** Charts of a single page (reports/<page>/), not used by the demo document; sample rows for the spec tests. */
export const PAGE_CHARTS = ["board/rate-trend", "calibration/walk-forward"] as const;

export const PAGE_SAMPLE_DATA: Record<
  (typeof PAGE_CHARTS)[number],
  Record<string, Record<string, unknown>[]>
> = {
  "board/rate-trend": {
    trend: [
      ["2024-10-01", 0.343, 134],
      ["2025-01-01", 0.404, 141],
      ["2025-04-01", 0.4, 130],
      ["2025-07-01", 0.374, 155],
      ["2025-10-01", 0.394, 155],
      ["2026-01-01", 0.263, 160],
    ].map(([period, rate, n]) => {
      const r = rate as number;
      const half = 1.96 * Math.sqrt((r * (1 - r)) / (n as number));
      return { period, rate: r, lower: r - half, upper: r + half, n };
    }),
    band: [{ lower: 0.1, upper: 0.4, label: "Healthy 10% to 40%" }],
    immature: [{ from: "2026-04-01", to: "2026-10-01", label: `Still maturing: ${HOSTILE}` }],
  },
  "calibration/walk-forward": {
    quarters: [
      ["2025Q2", 35, 30],
      ["2025Q3", 30, 35],
      ["2025Q4", 25, 35],
      ["2026Q1", 30, 40],
      ["2026Q2", 30, 45],
    ].flatMap(([quarter, chosen, hindsight], order) => [
      { quarter, order, kind: "Chosen beforehand", threshold: chosen },
      { quarter, order, kind: "Best in hindsight", threshold: hindsight },
    ]),
    recommended: [{ threshold: 35, label: "Recommended 35" }],
  },
};

function chart(name: (typeof COMMON_CHARTS)[number], title: string, caption: string) {
  return { kind: "chart" as const, chart: name, data: SAMPLE_DATA[name], title, caption };
}

/** The demo document: every block kind, every starter chart, the hostile string in each kind of place. */
export function demoDocument(): ReportDocument {
  return {
    title: "Where the MQL line belongs",
    subtitle: "Lead scoring review for the board, January to December 2024 (demo figures)",
    generatedAt: "2025-01-15T09:30:00Z",
    currency: "USD",
    sections: [
      {
        id: "summary",
        heading: "Summary",
        intro:
          "Raising the MQL threshold from 40 to 55 points sends sales a third fewer leads, keeps 94% of the deals we win, and lifts the SQL rate into the target range.",
        blocks: [
          {
            kind: "headlines",
            items: [
              {
                label: "SQL rate of MQLs",
                value: "27.4%",
                change: "+8.9 pts vs current line",
                band: "good",
              },
              {
                label: "Won deals kept",
                value: "94%",
                change: "−6 pts",
                band: "watch",
                note: "4 of 68 won deals in the test period fall below 55 points.",
              },
              { label: "MQLs per month", value: "412", change: "−33%", band: "neutral" },
              {
                label: "Cost per SQL",
                value: "$438",
                change: "+$52 vs 2023",
                band: "bad",
                note: `Highest in ${HOSTILE}.`,
              },
            ],
          },
          {
            kind: "text",
            paragraphs: [
              "The figures below come from 14,307 leads created in 2024, of which 9,815 have had time to mature. Rates are shown with 95% intervals; an interval wider than the difference between two bars means the data cannot tell them apart.",
              `Lead sources are shown as exported, including one named ${HOSTILE}.`,
            ],
          },
        ],
      },
      {
        id: "threshold",
        heading: "Where to draw the line",
        intro: "Each line shows what a threshold would have done over the backtest period.",
        blocks: [
          chart(
            "common/threshold-tradeoff",
            "SQL rate, won deals kept and leads passed, by threshold",
            "Chosen on Jan-Sep 2024, evaluated on Oct-Dec 2024.",
          ),
          chart(
            "common/lift-by-decile",
            "Lift by score decile",
            "The top tenth of leads by score converts at 3.1 times the average.",
          ),
          chart(
            "common/calibration",
            "Predicted against observed SQL rate",
            "Points near the dashed diagonal mean the score's probabilities can be read at face value.",
          ),
        ],
      },
      {
        id: "signals",
        heading: "Which signals matter",
        blocks: [
          chart(
            "common/iv-by-feature",
            "Information value by feature",
            "A suspicious value (above 0.5) often means the field is filled in after the handoff: check it before using it.",
          ),
          chart(
            "common/rate-by-bin",
            "SQL rate by pricing page views",
            "Error bars are 95% Wilson intervals.",
          ),
        ],
      },
      {
        id: "funnel",
        heading: "Funnel and cost",
        blocks: [
          chart(
            "common/conversion-trend",
            "Lead-to-SQL rate by month",
            "Shaded: 95% interval. Leads created in December are not yet mature.",
          ),
          chart(
            "common/funnel-by-cohort",
            "Furthest stage reached, by quarter of creation",
            "Each bar is one quarter's leads.",
          ),
          chart(
            "common/cost-by-channel",
            "Cost per MQL, SQL and won deal, by channel",
            `${HOSTILE} had no SQL in the period.`,
          ),
          {
            kind: "table",
            caption: "Spend from the finance export; counts from the CRM.",
            columns: [
              { key: "channel", label: "Channel" },
              { key: "spend", label: "Spend", format: "money" },
              { key: "mqls", label: "MQLs", format: "int" },
              { key: "sqlRate", label: "SQL rate", format: "pct" },
              { key: "costPerSql", label: "Cost per SQL", format: "money" },
              { key: "payback", label: "Payback (months)", format: "number" },
            ],
            rows: [
              {
                channel: "Paid search",
                spend: 184_000,
                mqls: 2165,
                sqlRate: 0.207,
                costPerSql: 410,
                payback: 7.25,
              },
              {
                channel: "Paid social",
                spend: 96_500,
                mqls: 1556,
                sqlRate: 0.119,
                costPerSql: 520,
                payback: 11.5,
              },
              {
                channel: "Events",
                spend: 142_000,
                mqls: 592,
                sqlRate: 0.348,
                costPerSql: 690,
                payback: 9,
              },
              {
                channel: "Content",
                spend: 41_200,
                mqls: 1084,
                sqlRate: 0.127,
                costPerSql: 300,
                payback: 5.333,
              },
              {
                channel: HOSTILE,
                spend: 3_600,
                mqls: 30,
                sqlRate: 0,
                costPerSql: null,
                payback: null,
              },
            ],
          },
        ],
      },
    ],
    modelCard: {
      dataWindow: "Leads created 2024-01-01 to 2024-12-31; outcomes observed to 2025-01-10",
      files: [
        {
          path: "exports/hubspot-contacts-2025-01-10.csv",
          sha256: "9f2c4e0d1b7a8c3e5f6a7b8c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f7a8b9c0",
        },
        {
          path: `exports/${HOSTILE}.csv`,
          sha256: "0000000000000000000000000000000000000000000000000000000000000000",
        },
      ],
      model: "models/scorecard-2025-01.yaml (fitted, 9 rules)",
      threshold: "55 points (currently 40)",
      definitions: [
        {
          term: "MQL",
          definition: "A lead whose score reaches the threshold and is handed to sales.",
        },
        {
          term: "SQL rate",
          definition:
            "SQLs within 60 days of becoming an MQL, divided by MQLs that have had 60 days to mature.",
        },
        {
          term: "Information value",
          definition:
            "How well a feature separates leads that convert from those that do not (Siddiqi, 2006).",
        },
      ],
      command: `handoff report --config handoff.yaml --model models/scorecard-2025-01.yaml --out out/ # source "${HOSTILE}"`,
    },
  };
}
