/**
 * Scorecard scaling (Siddiqi, *Credit Risk Scorecards*, 2006, ch. 6 "Scaling"): with
 * `factor = PDO / ln 2`, a coefficient β (log-odds per unit) is worth β · factor points, so
 * every PDO ("points to double the odds") points double the odds of the target.
 *
 * Anchor: the intercept is not turned into points. A lead's log-odds are
 * β₀ + points / factor, so a lead with 0 points has odds exp(β₀) (the reference lead: the
 * reference bin of every fit rule and no intent) and each PDO points above that doubles them:
 * odds(points) = exp(β₀) · 2^(points / PDO). The model header records this as
 * `scaling: { points_to_double_odds: PDO, base_points: 0, base_odds: exp(β₀) }`.
 *
 * @example
 * pointsFor(Math.LN2, 20) // => 20
 */
export function pointsFor(beta: number, pointsToDoubleOdds: number): number {
  if (!(pointsToDoubleOdds > 0))
    throw new RangeError(`pointsFor requires points_to_double_odds > 0: got ${pointsToDoubleOdds}`);
  const points = Math.round((beta * pointsToDoubleOdds) / Math.LN2);
  return points === 0 ? 0 : points; // no -0 in the model file
}

/**
 * The probability a score implies under the scaling: 1 / (1 + 1 / (baseOdds · 2^(points / PDO))).
 *
 * @example
 * probabilityFor(20, 0.25, 20) // => 1/3 (odds 0.5)
 */
export function probabilityFor(
  points: number,
  baseOdds: number,
  pointsToDoubleOdds: number,
): number {
  const odds = baseOdds * 2 ** (points / pointsToDoubleOdds);
  return odds / (1 + odds);
}
