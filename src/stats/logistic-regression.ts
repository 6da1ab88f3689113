import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { toWeights } from "./validate.js";

/** Options of {@link logisticRegression}. */
export interface LogisticRegressionOptions {
  /** Frequency weights, one per row (e.g. the row count of each unique pattern). Default 1. */
  weights?: readonly number[];
  /** Ridge penalty λ: the fit maximises logL − (λ/2)·Σ βⱼ² over the non-intercept terms. Default 0. */
  l2?: number;
  /** Newton steps before giving up (reporting `converged: false`). Default 100. */
  maxIterations?: number;
  /** Stop when no coefficient moves more than tolerance · max(1, |βⱼ|) in a step. Default 1e-8. */
  tolerance?: number;
}

/** Result of {@link logisticRegression}. Index 0 is the intercept; index j is predictor j − 1. */
export interface LogisticRegressionResult {
  /** Intercept, then one coefficient per predictor (log-odds per unit). */
  coefficients: number[];
  /** √diag of the inverse of the (penalised) Hessian X'WX + λI′ at the solution. */
  standardErrors: number[];
  /** Σ wᵢ [yᵢ ln pᵢ + (1 − yᵢ) ln(1 − pᵢ)] at the solution, without the penalty. */
  logLikelihood: number;
  /** Newton steps taken. */
  iterations: number;
  /** Whether the steps became smaller than the tolerance within `maxIterations`. */
  converged: boolean;
  /**
   * True when the fit did not converge because the data are (quasi-)separated: some rows are
   * predicted with probability within 1e-6 of their own 0/1 outcome while coefficients keep
   * growing. The maximum-likelihood estimate does not exist; the coefficients returned are
   * the last (finite, large) iterate. Use `l2 > 0`, or merge or drop the separating bin.
   */
  separation: boolean;
}

/**
 * Predictors given sparse by rows, for designs that are mostly zeros (one-hot bins): row i's
 * non-zero predictors are `columns[rowStart[i] .. rowStart[i + 1])` (0-based predictor indexes,
 * strictly ascending within a row) with their `values`. The fit is the same as on the dense rows
 * with those entries and zeros elsewhere (bit for bit: zeros add nothing to any sum), without
 * holding n × k numbers (at a million patterns, hundreds of MB).
 */
export interface SparsePredictors {
  /** k, the number of predictors (columns besides the intercept). */
  predictors: number;
  /** n + 1 offsets into columns / values. */
  rowStart: Int32Array;
  columns: Int32Array;
  values: Float64Array;
}

const DEFAULT_MAX_ITERATIONS = 100;
const DEFAULT_TOLERANCE = 1e-8;
/** A Cholesky pivot this small relative to its diagonal entry means a singular design. */
const SINGULAR_PIVOT = 1e-12;
/** How close to its own label a fitted probability must be to count as separated. */
const SEPARATED_PROBABILITY = 1e-6;

/**
 * [Logistic regression](https://en.wikipedia.org/wiki/Logistic_regression) by Newton–Raphson
 * (for the logit link the same as iteratively reweighted least squares; McCullagh & Nelder,
 * *Generalized Linear Models*, 2nd ed., §4.4), with standard errors, frequency weights and an
 * optional ridge (L2) penalty.
 *
 * Model: P(y = 1 | x) = 1 / (1 + exp(−(β₀ + Σⱼ βⱼ xⱼ))). An intercept column is added
 * internally; it is `coefficients[0]` and is never penalised.
 *
 * 1. Start from β = 0 with β₀ = logit of the weighted mean outcome.
 * 2. Each step solves (X'WX + λI′) Δ = X'w(y − p) − λβ′ by Cholesky (ml-matrix), where
 *    W = diag(wᵢ pᵢ (1 − pᵢ)) and I′ is the identity with a 0 for the intercept; the step
 *    is halved until the penalised log-likelihood does not decrease.
 * 3. Stop when every |Δⱼ| ≤ tolerance · max(1, |βⱼ|).
 * 4. Standard errors are √diag((X'WX + λI′)⁻¹) at the solution.
 *
 * Conventions:
 * - Weights are **frequency weights**: a row with weight 3 counts as three identical rows, so a
 *   fit on weighted unique patterns equals the fit on the expanded rows (coefficients, standard
 *   errors and log-likelihood). Unpenalised, the result matches statsmodels
 *   `GLM(y, X, family=Binomial(), freq_weights=w)` and R `glm(family = binomial, weights = w)`.
 * - The penalty is (λ/2)·Σⱼ≥₁ βⱼ², summed (not averaged) over rows like the log-likelihood,
 *   so `l2 = λ` equals scikit-learn `LogisticRegression(C = 1/λ)` (whose intercept is not
 *   penalised either), with `sample_weight = weights`. The penalty is not scale-free:
 *   standardise predictors first if they are on very different scales.
 * - Outcomes may be fractions in [0, 1] (a pattern's event rate, with its row count as weight).
 *
 * Separation: with λ = 0 and data where some combination of predictors separates events from
 * non-events, the likelihood keeps rising as coefficients grow without bound. This function
 * then **does not throw**: it returns after `maxIterations` (or when the Hessian becomes
 * numerically singular) with `converged: false`, `separation: true` and the last finite
 * iterate, whose huge coefficients and standard errors must not be reported. With λ > 0 the
 * penalised likelihood has a unique maximum and the fit converges.
 *
 * @param x rows of predictor values (n × k, all finite); no intercept column. Or the same
 *   sparse by rows ({@link SparsePredictors}): same result, without the n × k array
 * @param y outcomes, 0/1 (or fractions in [0, 1])
 * @param options weights, l2, maxIterations, tolerance
 * @returns coefficients (intercept first), standard errors, log-likelihood, iterations, convergence
 * @throws {RangeError|TypeError} on empty or ragged input, non-finite values, outcomes outside
 *   [0, 1], bad weights or options; on a singular design (a constant or collinear predictor
 *   with l2 = 0) with a message saying so
 * @example
 * logisticRegression([[0], [1], [2], [3], [4], [5]], [0, 0, 1, 0, 1, 1]).coefficients;
 * // => [-3.0350689646285507, 1.2140275858514202]
 */
export function logisticRegression(
  x: readonly (readonly number[])[] | SparsePredictors,
  y: readonly number[],
  options: LogisticRegressionOptions = {},
): LogisticRegressionResult {
  const { n, k, design, outcome, weight, l2, maxIterations, tolerance } = checkInput(x, y, options);

  // 1. Start at the weighted mean outcome.
  const beta = new Float64Array(k);
  let weightSum = 0;
  let eventSum = 0;
  for (let i = 0; i < n; i++) {
    weightSum += weight[i] as number;
    eventSum += (weight[i] as number) * (outcome[i] as number);
  }
  const mean = eventSum / weightSum;
  if (mean > 0 && mean < 1) beta[0] = Math.log(mean / (1 - mean));

  let objective = penalisedLogLikelihood(design, outcome, weight, beta, l2, n, k);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    // 2. Newton step from the score and the (penalised) information matrix.
    const { gradient, hessian } = scoreAndInformation(design, outcome, weight, beta, l2, n, k);
    const cholesky = choleskyOf(hessian, k);
    if (cholesky === undefined) {
      if (iterations === 1) throw singularDesign(l2);
      // The information vanished as fitted probabilities reached 0 and 1: separation.
      iterations--;
      break;
    }
    const step = cholesky.solve(Matrix.columnVector(Array.from(gradient))).to1DArray();

    let scale = 1;
    let candidate = addScaled(beta, step, scale);
    let candidateObjective = penalisedLogLikelihood(design, outcome, weight, candidate, l2, n, k);
    while (!(candidateObjective >= objective - 1e-12 * Math.abs(objective)) && scale > 1 / 1024) {
      scale /= 2;
      candidate = addScaled(beta, step, scale);
      candidateObjective = penalisedLogLikelihood(design, outcome, weight, candidate, l2, n, k);
    }
    if (!Number.isFinite(candidateObjective) || !candidate.every(Number.isFinite)) break;

    // 3. Converged when the step no longer moves any coefficient.
    let largest = 0;
    for (let j = 0; j < k; j++) {
      const moved =
        Math.abs(scale * (step[j] as number)) / Math.max(1, Math.abs(candidate[j] as number));
      if (moved > largest) largest = moved;
    }
    beta.set(candidate);
    objective = candidateObjective;
    if (largest <= tolerance) {
      converged = true;
      break;
    }
  }

  // 4. Standard errors from the inverse information at the solution.
  const { hessian } = scoreAndInformation(design, outcome, weight, beta, l2, n, k);
  const cholesky = choleskyOf(hessian, k);
  const standardErrors =
    cholesky === undefined
      ? Array<number>(k).fill(Number.POSITIVE_INFINITY)
      : diagonalOfInverse(cholesky, k).map(Math.sqrt);

  let logLikelihood = 0;
  let nearlyPerfect = false;
  for (let i = 0; i < n; i++) {
    const w = weight[i] as number;
    if (w === 0) continue;
    const eta = linearPredictor(design, beta, i);
    const yi = outcome[i] as number;
    logLikelihood -= w * (yi * softplus(-eta) + (1 - yi) * softplus(eta));
    if (Math.abs(sigmoid(eta) - yi) < SEPARATED_PROBABILITY) nearlyPerfect = true;
  }

  return {
    coefficients: Array.from(beta),
    standardErrors,
    logLikelihood,
    iterations,
    converged,
    separation: !converged && nearlyPerfect,
  };
}

interface CheckedInput {
  n: number;
  k: number;
  /**
   * The n × k design (intercept column first), sparse by rows: row i's non-zero entries are
   * columns[rowStart[i] .. rowStart[i + 1]) with their values, in column order. A scorecard's
   * design is one-hot bins (about one non-zero per feature), so the information matrix costs
   * O(n · nnz²) instead of O(n · k²); skipped terms are exact zeros, so sums are unchanged.
   */
  design: SparseRows;
  outcome: Float64Array;
  weight: Float64Array;
  l2: number;
  maxIterations: number;
  tolerance: number;
}

function checkInput(
  x: readonly (readonly number[])[] | SparsePredictors,
  y: readonly number[],
  options: LogisticRegressionOptions,
): CheckedInput {
  return checkSparseInput(Array.isArray(x) ? sparseOfRows(x) : (x as SparsePredictors), y, options);
}

/** Dense rows as {@link SparsePredictors} (their non-zero entries), checked on the way. */
function sparseOfRows(rows: readonly (readonly number[])[]): SparsePredictors {
  const n = rows.length;
  if (n === 0) throw new RangeError("logisticRegression requires at least one row");
  const predictors = (rows[0] as readonly number[]).length;
  const rowStart = new Int32Array(n + 1);
  let columns = new Int32Array(Math.max(16, n * 2));
  let values = new Float64Array(columns.length);
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    rowStart[i] = nnz;
    const row = rows[i] as readonly number[];
    if (row.length !== predictors) {
      throw new RangeError(
        `logisticRegression requires every row to have ${predictors} predictors: x[${i}] has ${row.length}`,
      );
    }
    for (let j = 0; j < predictors; j++) {
      const value = row[j] as number;
      if (typeof value !== "number" || !Number.isFinite(value)) {
        throw new TypeError(
          `logisticRegression requires finite predictors: x[${i}][${j}] is ${String(value)}`,
        );
      }
      if (value === 0) continue;
      if (nnz === columns.length) {
        const grownColumns = new Int32Array(columns.length * 2);
        grownColumns.set(columns);
        columns = grownColumns;
        const grownValues = new Float64Array(values.length * 2);
        grownValues.set(values);
        values = grownValues;
      }
      columns[nnz] = j;
      values[nnz] = value;
      nnz++;
    }
  }
  rowStart[n] = nnz;
  return {
    predictors,
    rowStart,
    columns: columns.subarray(0, nnz),
    values: values.subarray(0, nnz),
  };
}

/** The design with its intercept column, from predictors sparse by rows, and the checks. */
function checkSparseInput(
  x: SparsePredictors,
  y: readonly number[],
  options: LogisticRegressionOptions,
): CheckedInput {
  const n = x.rowStart.length - 1;
  if (n <= 0) throw new RangeError("logisticRegression requires at least one row");
  if (y.length !== n) {
    throw new RangeError(
      `logisticRegression requires one outcome per row: got ${y.length} outcomes for ${n} rows`,
    );
  }
  const predictors = x.predictors;
  if (!Number.isInteger(predictors) || predictors < 0)
    throw new RangeError(
      `logisticRegression requires a whole number of predictors: got ${predictors}`,
    );
  const k = predictors + 1;
  const end = x.rowStart[n] as number;
  if (x.rowStart[0] !== 0 || end > x.columns.length || end > x.values.length)
    throw new RangeError(
      "logisticRegression: sparse rows must start at 0 and end within columns / values",
    );
  const rowStart = new Int32Array(n + 1);
  const columns = new Int32Array(end + n);
  const values = new Float64Array(end + n);
  let nnz = 0;
  const outcome = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    rowStart[i] = nnz;
    columns[nnz] = 0;
    values[nnz] = 1;
    nnz++;
    const from = x.rowStart[i] as number;
    const to = x.rowStart[i + 1] as number;
    if (!(to >= from))
      throw new RangeError(`logisticRegression: sparse row ${i} ends before it starts`);
    let previous = -1;
    for (let e = from; e < to; e++) {
      const column = x.columns[e] as number;
      const value = x.values[e] as number;
      if (!(column > previous && column < predictors))
        throw new RangeError(
          `logisticRegression: sparse row ${i} has predictor ${column} out of order or beyond ${predictors - 1}`,
        );
      if (!Number.isFinite(value))
        throw new TypeError(
          `logisticRegression requires finite predictors: row ${i} predictor ${column} is ${value}`,
        );
      previous = column;
      if (value === 0) continue;
      columns[nnz] = column + 1;
      values[nnz] = value;
      nnz++;
    }
    const yi = y[i] as number;
    if (typeof yi !== "number" || !(yi >= 0 && yi <= 1)) {
      throw new RangeError(
        `logisticRegression requires outcomes in [0, 1]: y[${i}] is ${String(yi)}`,
      );
    }
    outcome[i] = yi;
  }
  rowStart[n] = nnz;
  const design: SparseRows = {
    rowStart,
    columns: columns.subarray(0, nnz),
    values: values.subarray(0, nnz),
  };
  return checkOptions(n, k, design, outcome, options);
}

function checkOptions(
  n: number,
  k: number,
  design: SparseRows,
  outcome: Float64Array,
  options: LogisticRegressionOptions,
): CheckedInput {
  const weight = toWeights("logisticRegression", options.weights, n);
  if (!weight.some((w) => w > 0)) {
    throw new RangeError("logisticRegression requires weights with a positive sum");
  }
  const l2 = options.l2 ?? 0;
  if (!Number.isFinite(l2) || l2 < 0) {
    throw new RangeError(`logisticRegression requires a finite l2 ≥ 0: got ${l2}`);
  }
  const maxIterations = options.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new RangeError(
      `logisticRegression requires maxIterations to be an integer ≥ 1: got ${maxIterations}`,
    );
  }
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  if (!Number.isFinite(tolerance) || tolerance <= 0) {
    throw new RangeError(`logisticRegression requires a finite tolerance > 0: got ${tolerance}`);
  }
  return { n, k, design, outcome, weight, l2, maxIterations, tolerance };
}

interface SparseRows {
  rowStart: Int32Array;
  columns: Int32Array;
  values: Float64Array;
}

function linearPredictor(design: SparseRows, beta: Float64Array, i: number): number {
  let eta = 0;
  const end = design.rowStart[i + 1] as number;
  for (let e = design.rowStart[i] as number; e < end; e++)
    eta += (design.values[e] as number) * (beta[design.columns[e] as number] as number);
  return eta;
}

/** 1 / (1 + e^−η) without overflow. */
function sigmoid(eta: number): number {
  if (eta >= 0) return 1 / (1 + Math.exp(-eta));
  const e = Math.exp(eta);
  return e / (1 + e);
}

/** ln(1 + eᵗ) without overflow: −ln p = softplus(−η), −ln(1 − p) = softplus(η). */
function softplus(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
}

function penalisedLogLikelihood(
  design: SparseRows,
  outcome: Float64Array,
  weight: Float64Array,
  beta: Float64Array,
  l2: number,
  n: number,
  k: number,
): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const w = weight[i] as number;
    if (w === 0) continue;
    const eta = linearPredictor(design, beta, i);
    const yi = outcome[i] as number;
    total -= w * (yi * softplus(-eta) + (1 - yi) * softplus(eta));
  }
  let penalty = 0;
  for (let j = 1; j < k; j++) penalty += (beta[j] as number) ** 2;
  return total - (l2 / 2) * penalty;
}

function scoreAndInformation(
  design: SparseRows,
  outcome: Float64Array,
  weight: Float64Array,
  beta: Float64Array,
  l2: number,
  n: number,
  k: number,
): { gradient: Float64Array; hessian: Float64Array } {
  const gradient = new Float64Array(k);
  const hessian = new Float64Array(k * k);
  for (let i = 0; i < n; i++) {
    const w = weight[i] as number;
    if (w === 0) continue;
    const p = sigmoid(linearPredictor(design, beta, i));
    const residual = w * ((outcome[i] as number) - p);
    const curvature = w * p * (1 - p);
    const start = design.rowStart[i] as number;
    const end = design.rowStart[i + 1] as number;
    for (let ea = start; ea < end; ea++) {
      const a = design.columns[ea] as number;
      const xa = design.values[ea] as number;
      gradient[a] = (gradient[a] as number) + residual * xa;
      const cxa = curvature * xa;
      for (let eb = start; eb <= ea; eb++) {
        const b = design.columns[eb] as number;
        hessian[a * k + b] = (hessian[a * k + b] as number) + cxa * (design.values[eb] as number);
      }
    }
  }
  for (let j = 1; j < k; j++) {
    gradient[j] = (gradient[j] as number) - l2 * (beta[j] as number);
    hessian[j * k + j] = (hessian[j * k + j] as number) + l2;
  }
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) hessian[a * k + b] = hessian[b * k + a] as number;
  }
  return { gradient, hessian };
}

/** Cholesky factor of a symmetric matrix, or undefined if it is not (numerically) positive definite. */
function choleskyOf(hessian: Float64Array, k: number): CholeskyDecomposition | undefined {
  const rows: number[][] = [];
  for (let a = 0; a < k; a++) rows.push(Array.from(hessian.subarray(a * k, a * k + k)));
  const cholesky = new CholeskyDecomposition(new Matrix(rows));
  if (!cholesky.isPositiveDefinite()) return undefined;
  const lower = cholesky.lowerTriangularMatrix;
  for (let j = 0; j < k; j++) {
    const diagonal = hessian[j * k + j] as number;
    const pivot = lower.get(j, j) ** 2;
    if (!(diagonal > 0) || !(pivot > SINGULAR_PIVOT * diagonal)) return undefined;
  }
  return cholesky;
}

function diagonalOfInverse(cholesky: CholeskyDecomposition, k: number): number[] {
  const inverse = cholesky.solve(Matrix.eye(k, k));
  return Array.from({ length: k }, (_, j) => inverse.get(j, j));
}

function addScaled(beta: Float64Array, step: number[], scale: number): Float64Array {
  const out = new Float64Array(beta.length);
  for (let j = 0; j < beta.length; j++) out[j] = (beta[j] as number) + scale * (step[j] as number);
  return out;
}

function singularDesign(l2: number): RangeError {
  return new RangeError(
    l2 > 0
      ? "logisticRegression requires a non-singular design: the information matrix is singular"
      : "logisticRegression requires predictors that are not constant or collinear (the design matrix is singular): drop the redundant predictor or set l2 > 0",
  );
}
