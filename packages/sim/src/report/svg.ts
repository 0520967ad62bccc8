/** Minimal inline-SVG charts for the HTML report: no scripts, no network, readable in any browser. */

export interface Series {
  name: string;
  points: Array<[x: number, y: number]>;
}

export interface ChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Log scale on y (latencies span orders of magnitude). */
  logY?: boolean;
  /** Tick labels for x positions (categorical axes such as percentiles). */
  xTicks?: Array<[x: number, label: string]>;
  width?: number;
  height?: number;
}

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];
const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (v: number): string => (Math.abs(v) >= 1000 ? `${+(v / 1000).toFixed(1)}k` : `${+v.toFixed(v < 10 ? 2 : 0)}`);

export function lineChart(series: Series[], o: ChartOptions): string {
  const W = o.width ?? 780;
  const H = o.height ?? 260;
  const m = { l: 56, r: 200, t: 28, b: 40 };
  const pts = series.flatMap((s) => s.points);
  if (pts.length === 0) return `<p class="empty">${esc(o.title)}: no data</p>`;
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]).filter((y) => !o.logY || y > 0);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs) || 1];
  const yMin = o.logY ? Math.max(0.01, Math.min(...ys)) : 0;
  const yMax = Math.max(...ys, o.logY ? yMin * 10 : 1);
  const ty = o.logY ? (v: number) => Math.log10(Math.max(v, yMin)) : (v: number) => v;
  const [lo, hi] = [ty(yMin), ty(yMax) === ty(yMin) ? ty(yMin) + 1 : ty(yMax)];
  const X = (v: number): number => m.l + ((v - x0) / (x1 - x0 || 1)) * (W - m.l - m.r);
  const Y = (v: number): number => H - m.b - ((ty(v) - lo) / (hi - lo)) * (H - m.t - m.b);
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(o.title)}">`];
  parts.push(`<text x="${m.l}" y="16" class="title">${esc(o.title)}</text>`);
  const yTicks = o.logY ? logTicks(yMin, yMax) : linearTicks(yMax);
  for (const v of yTicks) parts.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${Y(v)}" y2="${Y(v)}" class="grid"/><text x="${m.l - 6}" y="${Y(v) + 4}" text-anchor="end">${fmt(v)}</text>`);
  const xt = o.xTicks ?? linearTicks(x1).filter((v) => v >= x0).map((v) => [v, fmt(v)] as [number, string]);
  for (const [v, label] of xt) parts.push(`<text x="${X(v)}" y="${H - m.b + 16}" text-anchor="middle">${esc(label)}</text>`);
  parts.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - 6}" text-anchor="middle" class="axis">${esc(o.xLabel)}</text>`);
  parts.push(`<text transform="translate(12 ${(m.t + H - m.b) / 2}) rotate(-90)" text-anchor="middle" class="axis">${esc(o.yLabel)}</text>`);
  series.forEach((s, i) => {
    const c = COLORS[i % COLORS.length]!;
    const d = s.points.filter((p) => !o.logY || p[1] > 0).map((p, k) => `${k ? 'L' : 'M'}${X(p[0]).toFixed(1)},${Y(p[1]).toFixed(1)}`).join('');
    parts.push(`<path d="${d}" fill="none" stroke="${c}" stroke-width="2"/>`);
    parts.push(`<rect x="${W - m.r + 10}" y="${m.t + i * 18}" width="10" height="10" fill="${c}"/><text x="${W - m.r + 24}" y="${m.t + i * 18 + 9}">${esc(s.name.slice(0, 30))}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

/** 1-2-5 steps per decade, as many as fit between the extremes. */
function logTicks(min: number, max: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= min && v <= max) out.push(v);
    }
  }
  return out.length >= 2 ? out : [min, max];
}

/** Round steps (1, 2 or 5 × 10^k) from 0 to at least max, about five of them. */
function linearTicks(max: number): number[] {
  const raw = max / 5;
  const mag = 10 ** Math.floor(Math.log10(raw || 1));
  const step = [1, 2, 5, 10].map((k) => k * mag).find((st) => st >= raw) ?? raw;
  return Array.from({ length: Math.floor(max / step) + 1 }, (_, i) => i * step);
}
