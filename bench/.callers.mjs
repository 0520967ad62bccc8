import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const target = process.argv[3];
const byId = new Map(p.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const selfT = new Map();
const dt = p.timeDeltas;
for (let i = 0; i < p.samples.length; i++) selfT.set(p.samples[i], (selfT.get(p.samples[i]) ?? 0) + (dt[i + 1] ?? 0));
const incl = (n) => (selfT.get(n.id) ?? 0) + (n.children ?? []).reduce((s, c) => s + incl(byId.get(c)), 0);
const lab = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
const agg = new Map();
for (const n of p.nodes) {
  if (!lab(n).includes(target)) continue;
  let chain = [];
  let q = byId.get(parent.get(n.id));
  for (let k = 0; k < 6 && q; k++) { chain.push(lab(q)); q = byId.get(parent.get(q.id)); }
  const key = chain.filter((c) => !/node:|processTicks|runMicro/.test(c)).slice(0, 4).join(' < ');
  agg.set(key, (agg.get(key) ?? 0) + incl(n));
}
const total = dt.reduce((a, b) => a + b, 0);
for (const [k, v] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log((100 * v / total).toFixed(1) + '%', k);
