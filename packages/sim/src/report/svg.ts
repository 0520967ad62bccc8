/** Minimal inline-SVG charts for the HTML report: no scripts, no network, readable in any browser. */

export interface Series {
  name: string;
  points: Array<[x: number, y: number]>;
  /** Drawn dashed (a p50 beside its p99, say); the colour follows `colourOf` when given. */
  dashed?: boolean;
  colourOf?: number;
}

export interface ChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Log scale on y (latencies span orders of magnitude). */
  logY?: boolean;
  /** Tick labels for x positions (categorical axes such as percentiles). */
  xTicks?: Array<[x: number, label: string]>;
  /** Vertical lines with a label (a drop's start, its sell-out). */
  markers?: Array<{ x: number; label: string }>;
  /** The x axis spans at least this (a time chart covers the whole load, not only its data). */
  xRange?: [number, number];
  /** A dot on every point, for sparse series (one point a second). */
  dots?: boolean;
  width?: number;
  height?: number;
}

const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];
const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (v: number): string =>
  Math.abs(v) >= 1000 ? `${+(v / 1000).toFixed(1)}k` : `${+v.toFixed(v < 10 ? 2 : 0)}`;
// About the advance of an 11px system-ui character: enough to lay the legend out without measuring.
const CHAR_PX = 6.6;

/** The legend under the plot, whole names wrapped into rows: [x, y] of each entry and the rows' height. */
function legendLayout(names: string[], left: number, width: number): { at: Array<[number, number]>; height: number } {
  const at: Array<[number, number]> = [];
  let x = left;
  let row = 0;
  for (const name of names) {
    const w = 24 + name.length * CHAR_PX;
    if (x > left && x + w > left + width) {
      x = left;
      row++;
    }
    at.push([x, row * 18]);
    x += w + 12;
  }
  return { at, height: names.length ? (row + 1) * 18 : 0 };
}

export function lineChart(series: Series[], o: ChartOptions): string {
  const W = o.width ?? 780;
  const m = { l: 56, r: 20, t: 28, b: 40 };
  const plotH = o.height ?? 240;
  const legend = legendLayout(
    series.map((s) => s.name),
    m.l,
    W - m.l - m.r,
  );
  const H = plotH + legend.height + 8;
  const pts = series.flatMap((s) => s.points);
  if (pts.length === 0) return `<p class="empty">${esc(o.title)}: no data</p>`;
  const marks = o.markers ?? [];
  const xs = [...pts.map((p) => p[0]), ...marks.map((k) => k.x), ...(o.xRange ?? [])];
  const ys = pts.map((p) => p[1]).filter((y) => !o.logY || y > 0);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs) || 1];
  const yMin = o.logY ? Math.max(0.01, Math.min(...ys)) : 0;
  const yMax = Math.max(...ys, o.logY ? yMin * 10 : 1);
  const ty = o.logY ? (v: number) => Math.log10(Math.max(v, yMin)) : (v: number) => v;
  const [lo, hi] = [ty(yMin), ty(yMax) === ty(yMin) ? ty(yMin) + 1 : ty(yMax)];
  const X = (v: number): number => m.l + ((v - x0) / (x1 - x0 || 1)) * (W - m.l - m.r);
  const Y = (v: number): number => plotH - m.b - ((ty(v) - lo) / (hi - lo)) * (plotH - m.t - m.b);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(o.title)}">`,
  ];
  parts.push(`<text x="${m.l}" y="16" class="title">${esc(o.title)}</text>`);
  const yTicks = o.logY ? logTicks(yMin, yMax) : linearTicks(yMax);
  for (const v of yTicks)
    parts.push(
      `<line x1="${m.l}" x2="${W - m.r}" y1="${Y(v)}" y2="${Y(v)}" class="grid"/><text x="${m.l - 6}" y="${Y(v) + 4}" text-anchor="end">${fmt(v)}</text>`,
    );
  const xt =
    o.xTicks ??
    linearTicks(x1)
      .filter((v) => v >= x0)
      .map((v) => [v, fmt(v)] as [number, string]);
  for (const [v, label] of xt)
    parts.push(`<text x="${X(v)}" y="${plotH - m.b + 16}" text-anchor="middle">${esc(label)}</text>`);
  parts.push(
    `<text x="${(m.l + W - m.r) / 2}" y="${plotH - 6}" text-anchor="middle" class="axis">${esc(o.xLabel)}</text>`,
  );
  parts.push(
    `<text transform="translate(12 ${(m.t + plotH - m.b) / 2}) rotate(-90)" text-anchor="middle" class="axis">${esc(o.yLabel)}</text>`,
  );
  marks.forEach((k, i) => {
    const x = X(k.x);
    // Near the right edge the label goes to the line's left, so it is never cut off.
    const right = x + 3 + k.label.length * CHAR_PX <= W - m.r;
    const label = right ? `x="${(x + 3).toFixed(1)}"` : `x="${(x - 3).toFixed(1)}" text-anchor="end"`;
    parts.push(
      `<line x1="${x.toFixed(1)}" x2="${x.toFixed(1)}" y1="${m.t}" y2="${plotH - m.b}" class="marker"/><text ${label} y="${m.t + 10 + (i % 3) * 12}" class="marker-label">${esc(k.label)}</text>`,
    );
  });
  series.forEach((s, i) => {
    const c = COLORS[(s.colourOf ?? i) % COLORS.length]!;
    const d = s.points
      .filter((p) => !o.logY || p[1] > 0)
      .map((p, k) => `${k ? 'L' : 'M'}${X(p[0]).toFixed(1)},${Y(p[1]).toFixed(1)}`)
      .join('');
    const dash = s.dashed ? ' stroke-dasharray="5 3"' : '';
    parts.push(`<path d="${d}" fill="none" stroke="${c}" stroke-width="2"${dash}/>`);
    if (o.dots)
      for (const p of s.points.filter((q) => !o.logY || q[1] > 0))
        parts.push(`<circle cx="${X(p[0]).toFixed(1)}" cy="${Y(p[1]).toFixed(1)}" r="2.5" fill="${c}"/>`);
    const [lx, ly] = legend.at[i]!;
    const y = plotH + 4 + ly;
    parts.push(
      `<line x1="${lx}" x2="${lx + 16}" y1="${y + 5}" y2="${y + 5}" stroke="${c}" stroke-width="3"${dash}/><text x="${lx + 22}" y="${y + 9}">${esc(s.name)}</text>`,
    );
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
