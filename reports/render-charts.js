// Draws the report's charts. Inlined into reports/page.html after vega's bundle and
// vega-interpreter (so expressions are evaluated without eval, as the page's CSP requires); the chart
// specs are precompiled Vega (data included) in the JSON script element #handoff-charts,
// keyed by the id of the element each chart draws into. Sets <body data-charts> to "rendered"
// or "failed" when done, so a test (or a curious reader) can tell.
(() => {
  const body = document.body;
  let specs;
  try {
    specs = JSON.parse(document.getElementById("handoff-charts").textContent);
  } catch (error) {
    body.dataset.charts = "failed";
    console.error("Handoff: the chart data could not be read", error);
    return;
  }
  const draws = Object.keys(specs).map(async (id) => {
    const element = document.getElementById(id);
    try {
      const view = new vega.View(vega.parse(specs[id], null, { ast: true }), {
        renderer: "svg",
        container: element,
        hover: true,
        expr: vegaInterpreter.expressionInterpreter,
      });
      await view.runAsync();
    } catch (error) {
      element.classList.add("chart-error");
      element.textContent = `This chart could not be drawn: ${error.message}`;
      console.error(`Handoff: chart ${id} could not be drawn`, error);
      throw error;
    }
  });
  Promise.all(draws).then(
    () => {
      body.dataset.charts = "rendered";
    },
    () => {
      body.dataset.charts = "failed";
    },
  );
})();
