/**
 * A suggestion's score for people: `digits` decimals, or two significant digits when the score is too
 * small for them. A product whose only candidates are weak analogues would otherwise read as a row of
 * "0.000" ties, though the scores still rank them (1.8e-5 against a base rate of 6.9e-5). The review
 * page's `formatScore` (api/review-page/modules/format.js) applies the same rule in the browser.
 */
export function formatScore(score: number, digits = 3): string {
  return score !== 0 && Math.abs(score) < 0.5 * 10 ** -digits ? score.toPrecision(2) : score.toFixed(digits);
}
