/**
 * A suggestion's score for people: `digits` decimals, or, when the score is too close to 0 or to 1 for
 * them, two significant digits of its distance from that end. A product whose only candidates are weak
 * analogues would otherwise read as a row of "0.000" ties (1.8e-5 against a base rate of 6.9e-5), and
 * strong candidates as "1.000" ties, though the scores still rank them. The review page's `formatScore`
 * (api/review-page/modules/format.js) applies the same rule in the browser.
 */
export function formatScore(score: number, digits = 3): string {
  const half = 0.5 * 10 ** -digits;
  if (score > 0 && score < half) return score.toPrecision(2);
  const fromOne = 1 - score;
  if (fromOne > 0 && fromOne < half) {
    // The decimals that show two significant digits of 1 − score (0.999970 for 1 − 3.0e-5).
    const decimals = Math.min(15, 1 - Math.floor(Math.log10(fromOne)));
    return score.toFixed(decimals);
  }
  return score.toFixed(digits);
}
