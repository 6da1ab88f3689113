/**
 * JSON that gives back what went in for the values stage results hold: Dates come back as
 * Dates ({"$date": ISO}) and non-finite numbers and -0 as themselves ({"$number": "Infinity"}), where
 * plain JSON would turn them into strings and nulls. Undefined properties are left out, as in
 * plain JSON. Pure: text in, value out.
 */
export function encodeJson(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v) {
    const original = this[key];
    if (original instanceof Date) return { $date: original.toISOString() };
    if (typeof v === "number" && !Number.isFinite(v)) return { $number: String(v) };
    if (Object.is(v, -0)) return { $number: "-0" };
    return v;
  });
}

export function decodeJson<T>(text: string): T {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === "$date") return new Date((v as { $date: string }).$date);
      if (keys.length === 1 && keys[0] === "$number")
        return Number((v as { $number: string }).$number);
    }
    return v;
  }) as T;
}
