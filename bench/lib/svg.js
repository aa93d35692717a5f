'use strict';
// A hand-made log-log line chart (time against size, one line per tool) as an SVG string.

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f'];
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function ticks(min, max) {
  const out = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= min && v <= max) out.push(v);
    }
  }
  return out;
}

const label = (v, unit) => (unit === 'ms' && v >= 1000 ? `${v / 1000} s` : `${v}${unit === 'ms' ? ' ms' : ''}`);

/**
 * @param {{ title: string, yUnit: string, series: { name: string, points: { x: number, y: number }[] }[] }} chart
 */
function lineChart({ title, yUnit, series }) {
  const width = 760;
  const height = 440;
  const m = { left: 70, right: 230, top: 40, bottom: 50 };
  const pts = series.flatMap((s) => s.points).filter((p) => p.y > 0 && p.x > 0);
  if (pts.length === 0) return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="60"><text x="10" y="30">${esc(title)}: no data</text></svg>\n`;
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y);
  const [x0, x1] = [Math.min(...xs) / 1.2, Math.max(...xs) * 1.2];
  const [y0, y1] = [Math.min(...ys) / 1.5, Math.max(...ys) * 1.5];
  const X = (x) => m.left + ((Math.log10(x) - Math.log10(x0)) / (Math.log10(x1) - Math.log10(x0))) * (width - m.left - m.right);
  const Y = (y) => height - m.bottom - ((Math.log10(y) - Math.log10(y0)) / (Math.log10(y1) - Math.log10(y0))) * (height - m.top - m.bottom);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${m.left}" y="22" font-size="15" font-weight="bold">${esc(title)}</text>`,
  ];
  for (const v of ticks(y0, y1)) {
    parts.push(`<line x1="${m.left}" x2="${width - m.right}" y1="${Y(v).toFixed(1)}" y2="${Y(v).toFixed(1)}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${m.left - 6}" y="${(Y(v) + 4).toFixed(1)}" text-anchor="end">${esc(label(v, yUnit))}</text>`);
  }
  for (const v of [...new Set(xs)].sort((a, b) => a - b)) {
    parts.push(`<line x1="${X(v).toFixed(1)}" x2="${X(v).toFixed(1)}" y1="${m.top}" y2="${height - m.bottom}" stroke="#e5e5e5"/>`);
    parts.push(`<text x="${X(v).toFixed(1)}" y="${height - m.bottom + 18}" text-anchor="middle">${v}</text>`);
  }
  parts.push(`<rect x="${m.left}" y="${m.top}" width="${width - m.left - m.right}" height="${height - m.top - m.bottom}" fill="none" stroke="#333"/>`);
  parts.push(`<text x="${(m.left + width - m.right) / 2}" y="${height - 12}" text-anchor="middle">resources (log scale)</text>`);
  parts.push(`<text transform="translate(16 ${(m.top + height - m.bottom) / 2}) rotate(-90)" text-anchor="middle">median wall time (log scale)</text>`);
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const p = s.points.filter((q) => q.y > 0).sort((a, b) => a.x - b.x);
    if (p.length === 0) return;
    const dash = s.dashed ? ' stroke-dasharray="5 4"' : '';
    parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2"${dash} points="${p.map((q) => `${X(q.x).toFixed(1)},${Y(q.y).toFixed(1)}`).join(' ')}"/>`);
    for (const q of p) parts.push(`<circle cx="${X(q.x).toFixed(1)}" cy="${Y(q.y).toFixed(1)}" r="3.5" fill="${colour}"><title>${esc(`${s.name}: ${q.y} ms at ${q.x}`)}</title></circle>`);
    const ly = m.top + 10 + i * 20;
    parts.push(`<line x1="${width - m.right + 15}" x2="${width - m.right + 40}" y1="${ly}" y2="${ly}" stroke="${colour}" stroke-width="2"${dash}/>`);
    parts.push(`<text x="${width - m.right + 46}" y="${ly + 4}">${esc(s.name)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}

module.exports = { lineChart };
