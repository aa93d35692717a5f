'use strict';
// Medians, ratios and the linearity fit the benchmark tables report.

function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/**
 * Least-squares line y = a + b x, its R^2, and the growth of the per-unit cost:
 * (y/x at the largest x) / (y/x at the smallest x). A linear cost with a fixed start-up
 * part gives a growth at or below 1; a quadratic one grows with the size ratio.
 */
function linearFit(points) {
  const pts = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  if (pts.length < 2) return null;
  const n = pts.length;
  const mx = pts.reduce((s, p) => s + p.x, 0) / n;
  const my = pts.reduce((s, p) => s + p.y, 0) / n;
  const sxx = pts.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const sxy = pts.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const ssTot = pts.reduce((s, p) => s + (p.y - my) ** 2, 0);
  const ssRes = pts.reduce((s, p) => s + (p.y - (intercept + slope * p.x)) ** 2, 0);
  const r2 = ssTot === 0 ? 1 : 1 - ssRes / ssTot;
  const sorted = [...pts].sort((a, b) => a.x - b.x);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const perUnitGrowth = (last.y / last.x) / (first.y / first.x);
  // Superlinear check without the start-up part: the marginal cost per unit between the two
  // largest sizes against the one between the two smallest (needs three sizes).
  let marginalGrowth = null;
  if (sorted.length >= 3) {
    const m = (a, b) => (b.y - a.y) / (b.x - a.x);
    marginalGrowth = m(sorted[n - 2], sorted[n - 1]) / m(sorted[0], sorted[1]);
  }
  return { slopeMsPerResource: slope, interceptMs: intercept, r2, perUnitGrowth, marginalGrowth };
}

/** Linear when the fit explains the points and the marginal cost does not keep growing. */
function isLinear(fit) {
  if (!fit) return null;
  if (fit.marginalGrowth !== null) return fit.r2 >= 0.98 && fit.marginalGrowth <= 1.5;
  return fit.perUnitGrowth <= 1.5;
}

module.exports = { median, linearFit, isLinear };
