/** The report pages `handoff report` writes (a light module: the CLI declares them at start). */
export const REPORT_NAMES = ["board", "calibration", "channels"] as const;
export type ReportName = (typeof REPORT_NAMES)[number];
