/**
 * Input checks shared by the functions in `stats/`. Each message names the calling function and
 * the requirement, and quotes the offending value and its position, so a failure deep inside a
 * stage still says what was wrong.
 */

/** Labels as 0/1 numbers; accepts 0, 1, false and true. */
export function toBinaryLabels(
  fn: string,
  labels: readonly (0 | 1 | boolean)[],
  length: number,
): Uint8Array {
  if (labels.length !== length) {
    throw new RangeError(
      `${fn} requires as many labels as scores: got ${labels.length} labels for ${length} scores`,
    );
  }
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const label = labels[i];
    if (label === 1 || label === true) out[i] = 1;
    else if (label === 0 || label === false) out[i] = 0;
    else {
      throw new TypeError(
        `${fn} requires labels to be 0, 1, false or true: labels[${i}] is ${JSON.stringify(label)}`,
      );
    }
  }
  return out;
}

/** Checks that every value is a finite number. */
export function checkFinite(fn: string, name: string, values: readonly number[]): void {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new TypeError(
        `${fn} requires finite ${name}: ${name}[${i}] is ${typeof value === "number" ? value : JSON.stringify(value)}`,
      );
    }
  }
}

/**
 * Frequency weights: one per row, finite and ≥ 0. Returns all-ones when none are given.
 */
export function toWeights(
  fn: string,
  weights: readonly number[] | undefined,
  length: number,
): Float64Array {
  const out = new Float64Array(length);
  if (weights === undefined) {
    out.fill(1);
    return out;
  }
  if (weights.length !== length) {
    throw new RangeError(
      `${fn} requires one weight per row: got ${weights.length} weights for ${length} rows`,
    );
  }
  for (let i = 0; i < length; i++) {
    const weight = weights[i];
    if (typeof weight !== "number" || !Number.isFinite(weight) || weight < 0) {
      throw new RangeError(
        `${fn} requires finite, non-negative weights: weights[${i}] is ${String(weight)}`,
      );
    }
    out[i] = weight;
  }
  return out;
}
