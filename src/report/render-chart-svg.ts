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
    return numberClipPaths(await view.toSVG());
  } finally {
    view.finalize();
  }
}

/**
 * Vega numbers clip paths from a process-wide counter, so the same chart drawn twice gets
 * different ids. Renumber them from 1 in order of appearance: the same spec then gives the same
 * bytes. Only attribute values are touched (`id="clipN"`, `clip-path="url(#clipN)"`); text from
 * the data cannot contain a raw `"`, so it cannot match.
 */
function numberClipPaths(svg: string): string {
  const ids = new Map<string, number>();
  const idOf = (n: string) => {
    let id = ids.get(n);
    if (id === undefined) {
      id = ids.size + 1;
      ids.set(n, id);
    }
    return id;
  };
  return svg.replace(
    /(id="|clip-path="url\(#)clip(\d+)(\)?")/g,
    (_m, before: string, n: string, after: string) => `${before}clip${idOf(n)}${after}`,
  );
}

/** A loader that refuses every load: filled specs carry their data, so none is expected. */
function refusingLoader(): never {
  const refuse = (uri: unknown) =>
    Promise.reject(new Error(`renderChartSvg: charts load no external data; tried ${String(uri)}`));
  return { load: refuse, sanitize: refuse, http: refuse, file: refuse } as never;
}
