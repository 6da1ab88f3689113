const UNSAFE: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/**
 * A value as JSON that is safe to place inside a `<script>` element.
 *
 * JSON.stringify alone is not: a string containing `</script>` would close the element and
 * whatever follows would run as markup. Escaping `<`, `>` and `&` as `\u003c`, `\u003e`,
 * `\u0026` keeps the text unable to close the element or open a comment, and U+2028/U+2029 are
 * escaped so the output is also a valid JavaScript literal. The result parses (JSON.parse) to the
 * same value. Throws on what JSON cannot carry faithfully (bigint, non-finite numbers).
 *
 * @example serializeJsonForScript({ a: "</script>" }) // => '{"a":"\\u003c/script\\u003e"}'
 */
export function serializeJsonForScript(value: unknown): string {
  const json = JSON.stringify(value, (key, item: unknown) => {
    if (typeof item === "number" && !Number.isFinite(item))
      throw new Error(
        `serializeJsonForScript requires finite numbers; got ${item} at key ${JSON.stringify(key)}`,
      );
    return item;
  });
  if (json === undefined)
    throw new Error("serializeJsonForScript requires a JSON value; got undefined");
  return json.replace(/[<>&\u2028\u2029]/g, (char) => UNSAFE[char] as string);
}
