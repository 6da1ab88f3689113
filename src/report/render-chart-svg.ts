import { parse, View } from "vega";
import { type CompileChartOptions, compileChart } from "./compile-chart.js";
import type { ChartSpec } from "./load-chart-spec.js";

/**
 * A filled chart spec (see `fillSpec`) drawn as a standalone SVG document, in Node, without a
 * browser: Vega-Lite → Vega (with the theme) → a headless Vega view → `toSVG()`.
 *
 * Node has no canvas, so text widths are estimated; labels may sit a pixel or two differently
 * from the browser's rendering. Set `title` on the spec if the slide should carry one: on the
 * HTML page the title is the figure's heading instead.
 *
 * @example await renderChartSvg(fillSpec(loadChartSpec("common/lift-by-decile"), { deciles }))
 */
export async function renderChartSvg(
  spec: ChartSpec,
  options: CompileChartOptions = {},
): Promise<string> {
  const { vega } = compileChart(spec, options);
  const view = new View(parse(vega), { renderer: "none", loader: refusingLoader() });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** A loader that refuses every load: filled specs carry their data, so none is expected. */
function refusingLoader(): never {
  const refuse = (uri: unknown) =>
    Promise.reject(new Error(`renderChartSvg: charts load no external data; tried ${String(uri)}`));
  return { load: refuse, sanitize: refuse, http: refuse, file: refuse } as never;
}
