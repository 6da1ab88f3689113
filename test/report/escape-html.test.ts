import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../src/report/index.js";

describe("escapeHtml(text)", () => {
  it("escapes the five characters that can end text or an attribute", () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;",
    );
  });
  it("turns a script-closing lead source into inert text", () => {
    expect(escapeHtml("</script><script>alert(1)</script>")).toBe(
      "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;",
    );
  });
  it("leaves other text, non-ASCII included, as it is", () => {
    expect(escapeHtml("Paid search — Zürich 20% · 2024")).toBe("Paid search — Zürich 20% · 2024");
  });
});
