const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Text → HTML that shows exactly that text, in element content or in a quoted attribute.
 *
 * The one escaping function for text on the report page: every string that reaches the HTML
 * (titles, labels, table cells, file paths) goes through it, whatever its origin.
 *
 * @example escapeHtml("</script><b>") // => "&lt;/script&gt;&lt;b&gt;"
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] as string);
}
