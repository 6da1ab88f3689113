/**
 * Reports: a pure function of analysis results. A command gathers results into a
 * `ReportDocument` and calls `renderReport` (HTML) or `fillSpec` + `renderChartSvg` (SVG);
 * writing the files is the command's job (see `src/util/write-file-atomic.ts`).
 */
export {
  type CompileChartOptions,
  type CompiledChart,
  chartTheme,
  compileChart,
} from "./compile-chart.js";
export { currencyAffixes } from "./currency-affixes.js";
export { escapeHtml } from "./escape-html.js";
export { type DataDeclaration, dataDeclarationOf, type FieldType, fillSpec } from "./fill-spec.js";
export { formatCell } from "./format-cell.js";
export { type ChartSpec, loadChartSpec } from "./load-chart-spec.js";
export { renderChartSvg } from "./render-chart-svg.js";
export { fillTemplate, renderReport } from "./render-report.js";
export { REPORTS_DIR } from "./report-files.js";
export { serializeJsonForScript } from "./serialize-json-for-script.js";
export type * from "./types.js";
