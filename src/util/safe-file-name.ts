/**
 * A file name made from text that may come from an export (a chart title naming a feature, a
 * lead source): lower-case letters, digits and hyphens only, so no value can climb out of the
 * output folder (`../`), name a hidden file, or carry a path separator or control character.
 *
 * @example
 * safeFileName("../../etc/passwd") // => "etc-passwd"
 */
export function safeFileName(text: string, fallback = "file"): string {
  const name = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return name || fallback;
}
