/** JSON.stringify's replacer argument, as `JSON.stringify(value, replacer, 2)` takes it. */
export type JsonReplacer = (key: string, value: unknown) => unknown;

/** Marks where the array goes: JSON escapes U+0000, so no other string encodes to this text. */
const HOLE = "\u0000array\u0000";

/**
 * The text of `JSON.stringify({ ...value, [key]: <every item of batches> }, replacer, 2) + "\n"`,
 * in pieces that each end with a line break, without ever holding the whole array or the whole
 * text: each item is stringified on its own and indented into place. For a `--json` result
 * whose one large array (a million scored leads) is read from the database a batch at a time.
 *
 * `key` must be a top-level key of `value` (its value there is ignored, and its position among
 * the keys is kept). The replacer must not depend on its key or holder (items are stringified
 * as roots); it must return strings unchanged. An item JSON cannot hold (undefined) is `null`,
 * as in an array.
 *
 * @example
 * // chunks of {"n": 2, "rows": [1, 2]} as JSON.stringify(…, null, 2) writes it
 * jsonChunks({ n: 2, rows: [] }, "rows", batchesOf([1], [2]));
 */
export async function* jsonChunks(
  value: Record<string, unknown>,
  key: string,
  batches: AsyncIterable<readonly unknown[]>,
  replacer?: JsonReplacer,
): AsyncGenerator<string> {
  if (!Object.hasOwn(value, key)) throw new Error(`jsonChunks: "${key}" is not a key of the value`);
  const text = JSON.stringify({ ...value, [key]: HOLE }, replacer, 2);
  const marker = `${JSON.stringify(key)}: ${JSON.stringify(HOLE)}`;
  const at = text.indexOf(`\n  ${marker}`);
  if (at < 0 || text.indexOf(marker, at + marker.length) >= 0)
    throw new Error(`jsonChunks: cannot place "${key}" in the value's JSON`);
  const head = text.slice(0, at + 3 + marker.length - JSON.stringify(HOLE).length);
  const tail = text.slice(at + 3 + marker.length);
  let held: string | null = null; // the last item so far: a comma follows only if another does
  let pending = `${head}[\n`;
  let items = 0;
  for await (const batch of batches) {
    let piece = "";
    for (const item of batch) {
      if (held !== null) piece += `${held},\n`;
      held = `    ${(JSON.stringify(item, replacer, 2) ?? "null").replaceAll("\n", "\n    ")}`;
      items += 1;
    }
    if (piece !== "") {
      yield pending + piece;
      pending = "";
    }
  }
  if (items === 0) yield `${head}[]${tail}\n`;
  else yield `${pending}${held}\n  ]${tail}\n`;
}
