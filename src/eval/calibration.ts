// Does `confidence` mean what it says? Expected calibration error over equal-width bins, and a reliability
// diagram (hand-built SVG: confidence against how often the attribution was right, bar width by count).

export interface Bin {
  lo: number;
  hi: number;
  n: number;
  /** Mean confidence and share right in the bin (0 when empty). */
  confidence: number;
  accuracy: number;
}

/** Points (confidence, right) in `bins` equal-width bins over [0, 1]; 1.0 falls in the last. */
export function reliability(points: [number, boolean][], bins = 10): Bin[] {
  const out: Bin[] = Array.from({ length: bins }, (_, i) => ({ lo: i / bins, hi: (i + 1) / bins, n: 0, confidence: 0, accuracy: 0 }));
  for (const [c, ok] of points) {
    const b = out[Math.min(bins - 1, Math.max(0, Math.floor(c * bins)))];
    b.n++;
    b.confidence += c;
    b.accuracy += ok ? 1 : 0;
  }
  for (const b of out) if (b.n) { b.confidence /= b.n; b.accuracy /= b.n; }
  return out;
}

/** Expected calibration error: the count-weighted mean gap between confidence and accuracy per bin. */
export function ece(points: [number, boolean][], bins = 10): number {
  if (points.length === 0) return 0;
  return reliability(points, bins).reduce((s, b) => s + (b.n / points.length) * Math.abs(b.accuracy - b.confidence), 0);
}

const esc = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');

/** A reliability diagram as a standalone SVG document. */
export function reliabilitySvg(points: [number, boolean][], title: string, bins = 10): string {
  const W = 480, H = 520, L = 60, T = 50, S = 380; // plot square of side S at (L, T)
  const data = reliability(points, bins);
  const max = Math.max(1, ...data.map((b) => b.n));
  const x = (v: number) => L + v * S;
  const y = (v: number) => T + (1 - v) * S;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  parts.push(`<text x="${W / 2}" y="24" text-anchor="middle" font-size="14">${esc(title)}</text>`);
  for (let i = 0; i <= 10; i += 2) {
    const v = i / 10;
    parts.push(`<line x1="${x(v)}" y1="${y(0)}" x2="${x(v)}" y2="${y(0) + 5}" stroke="#333"/><text x="${x(v)}" y="${y(0) + 18}" text-anchor="middle">${v.toFixed(1)}</text>`);
    parts.push(`<line x1="${x(0) - 5}" y1="${y(v)}" x2="${x(0)}" y2="${y(v)}" stroke="#333"/><text x="${x(0) - 8}" y="${y(v) + 4}" text-anchor="end">${v.toFixed(1)}</text>`);
    parts.push(`<line x1="${x(0)}" y1="${y(v)}" x2="${x(1)}" y2="${y(v)}" stroke="#eee"/>`);
  }
  parts.push(`<line x1="${x(0)}" y1="${y(0)}" x2="${x(1)}" y2="${y(1)}" stroke="#999" stroke-dasharray="4 3"/>`);
  for (const b of data) {
    if (!b.n) continue;
    const w = S / bins;
    // how many quotes the bin holds: a light bar from the axis
    const h = (b.n / max) * S * 0.25;
    parts.push(`<rect x="${x(b.lo) + 1}" y="${y(0) - h}" width="${w - 2}" height="${h}" fill="#dbe7f3"/>`);
    parts.push(`<rect x="${x(b.lo) + 1}" y="${y(b.accuracy)}" width="${w - 2}" height="${y(0) - y(b.accuracy)}" fill="none" stroke="#2b6cb0" stroke-width="1.5"/>`);
    parts.push(`<circle cx="${x(b.confidence)}" cy="${y(b.accuracy)}" r="3.5" fill="#c05621"><title>${b.n} quotes, confidence ${b.confidence.toFixed(3)}, right ${b.accuracy.toFixed(3)}</title></circle>`);
  }
  parts.push(`<rect x="${x(0)}" y="${y(1)}" width="${S}" height="${S}" fill="none" stroke="#333"/>`);
  parts.push(`<text x="${x(0.5)}" y="${y(0) + 38}" text-anchor="middle">confidence (calibrated)</text>`);
  parts.push(`<text transform="translate(18 ${y(0.5)}) rotate(-90)" text-anchor="middle">share of attributions right</text>`);
  parts.push(`<text x="${x(0.5)}" y="${H - 12}" text-anchor="middle" fill="#555">ECE (${bins} bins) ${ece(points, bins).toFixed(3)} over ${points.length} matched quotes; pale bars: quotes per bin</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
