// bench/storm's printout: rates as ratios to raw node:http from the same run, and the targets.
import { fmt } from '../harness.mjs';

const TARGET = { stock100: 0.2, succeed: 0.11 };

export function report(res) {
  const raw = res.raw.length ? res.raw.reduce((s, r) => s + r.rps, 0) / res.raw.length : NaN;
  res.rawMean = raw;
  console.log(`\nbench/storm: autocannon -c ${res.connections}, ${res.duration} s per run, distinct buyers, unique keys`);
  console.log(`raw node:http JSON: ${res.raw.map((r) => fmt(Math.round(r.rps))).join(', ')} req/s (mean ${fmt(Math.round(raw))}), server CPU ${res.raw.map((r) => r.cpuUs).join(', ')} µs/request\n`);
  console.log('| target | stock 100 | every order succeeds | sold out | pay: stock 100 | pay: every order a hold | GET /livez | first s after start | paced stock 100 p50/p99 ms | paced succeed p50/p99 ms |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  const cell = (r) => (r ? `${fmt(Math.round(r.rps))} (${fmt(r.rps / raw)})` : '–');
  const lat = (p) => (p ? `${fmt(p.rate)}/s: ${fmt(p.p50)} / ${fmt(p.p99)}` : '–');
  for (const [name, t] of Object.entries(res.targets)) {
    const c = t.cases;
    console.log(`| ${name} | ${cell(c.stock100)} | ${cell(c.succeed)} | ${cell(c.soldOut)} | ${cell(c.payStock100)} | ${cell(c.paySucceed)} | ${cell(t.livez)} | ${cell(t.fresh)} | ${lat(t.paced_stock100)} | ${lat(t.paced_succeed)} |`);
  }
  console.log('\nanswers by status:');
  for (const [name, t] of Object.entries(res.targets)) {
    for (const [label, r] of Object.entries(t.cases)) console.log(`  ${name} ${label}: ${JSON.stringify(r.statuses)}, errors ${r.errors}, p99 ${r.p99} ms, server CPU ${r.cpuUs} µs/request`);
    if (t.livez) console.log(`  ${name} GET /livez: server CPU ${t.livez.cpuUs} µs/request`);
  }
  const checks = Object.entries(res.targets).flatMap(([name, t]) => Object.entries(t.checks).map(([k, c]) => ({ name: `${name}/${k}`, ...c })));
  console.log(`\ndatabase checks (sold = order rows, sold <= total): ${checks.every((c) => c.ok) ? 'all OK' : 'FAILED'}`);
  for (const c of checks) console.log(`  ${c.name}: sold ${c.sold} of ${c.total}, order rows ${c.rows}${c.ok ? '' : '  <-- WRONG'}`);
  for (const name of ['prod1', 'embedded']) {
    const t = res.targets[name];
    if (!t) continue;
    const c = t.cases;
    // [goal, measured, at least]; a goal whose runs were not picked (--cases) is left out.
    const rel = (a, b) => (a && b ? a.rps / b.rps : NaN);
    const succeedGoal = name === 'prod1' ? TARGET.succeed : 0.13;
    const paced = t.paced_succeed && t.paced_stock100 ? -Math.max(t.paced_succeed.p99, t.paced_stock100.p99) : NaN;
    const goals = [
      [`stock 100 >= ${TARGET.stock100} of raw`, c.stock100 ? c.stock100.rps / raw : NaN, TARGET.stock100],
      [`every order succeeds >= ${succeedGoal} of raw`, c.succeed ? c.succeed.rps / raw : NaN, succeedGoal],
      ['first seconds >= 0.8 of steady', rel(t.fresh, c.succeed), 0.8],
      ['sold-out losers >= 0.5 of /livez', rel(c.soldOut, t.livez), 0.5],
      ...(name === 'prod1' ? [['p99 <= 50 ms at half saturation', paced, -50]] : []),
    ].filter(([, v]) => !Number.isNaN(v)).map(([g, v, min]) => [g, v >= min]);
    console.log(`\n${name}: ${goals.map(([g, ok]) => `${g}: ${ok ? 'MET' : 'MISSED'}`).join('; ')}`);
  }
  // Checkout: a pay drop's POST /v1/orders (a hold) against an instant drop's, same run, same target.
  for (const [name, t] of Object.entries(res.targets)) {
    const c = t.cases;
    if (!c.paySucceed || !c.payStock100 || !c.stock100 || !c.succeed) continue;
    const r1 = c.payStock100.rps / c.stock100.rps;
    const r2 = c.paySucceed.rps / c.succeed.rps;
    console.log(`${name}: pay drop vs instant drop: stock 100 ${fmt(r1)}, every order succeeds ${fmt(r2)} (goal >= 0.8: ${Math.min(r1, r2) >= 0.8 ? 'MET' : 'MISSED'})`);
  }
  if (res.ceiling) console.log(`\nPostgreSQL ceiling (pgbench running the batch statement): ${res.ceiling.summary}`);
}
