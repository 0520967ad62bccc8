// Shared bench plumbing: child servers on loopback, autocannon runs, result files.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import net from 'node:net';
import os from 'node:os';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = `${ROOT}packages/cli/dist/src/main.js`;

export function freePort() {
  return 30000 + Math.floor(Math.random() * 20000);
}

/** A port the OS says is free right now (binds port 0, then lets it go). */
export function openPort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** The node flags the `livedrops` launcher gives the CLI (its young generation): servers here run as it runs them. */
export const LAUNCHER_FLAGS = ['--max-semi-space-size=64'];

/** Spawns a server process and waits until `probe` answers 200 (bounded). */
export async function spawnServer(args, { port, env = {}, probe = '/livez' } = {}) {
  const flags = args.includes(CLI) ? LAUNCHER_FLAGS : [];
  const child = spawn(process.execPath, [...flags, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => { err += d; if (process.env.BENCH_ECHO) process.stderr.write(d); });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${err}`);
    if (await fetch(url + probe).then((r) => r.ok, () => false)) return { child, url, stop: () => stop(child), cpu: () => processCpu(child.pid) };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start: ${err}`);
}

function stop(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    const t = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => (clearTimeout(t), resolve()));
    child.kill('SIGTERM');
  });
}

/** One autocannon run; `overallRate` makes it fixed-rate (for latency), otherwise closed-loop (for saturation). */
export async function cannon(opts) {
  const r = await autocannon({ connections: 64, duration: 10, ...opts });
  const non2xx = r.non2xx ?? 0;
  return {
    rps: r.requests.average,
    total: r.requests.total,
    errors: r.errors + r.timeouts,
    non2xx,
    p50: r.latency.p50,
    p97_5: r.latency.p97_5,
    p99: r.latency.p99,
    max: r.latency.max,
  };
}

/**
 * CPU seconds a process has used so far (Linux /proc): all its threads, and its main
 * thread alone (the event loop). Differences over a run, divided by requests, give CPU per
 * request, which a busy shared machine disturbs far less than requests per second.
 */
export function processCpu(pid) {
  const ticks = (file) => {
    try {
      const f = readFileSync(file, 'utf8');
      const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, at USER_HZ 100
    } catch {
      return NaN;
    }
  };
  return { all: ticks(`/proc/${pid}/stat`), main: ticks(`/proc/${pid}/task/${pid}/stat`) };
}

/** Busy CPU seconds of the whole machine so far (all cores, /proc/stat). */
export function machineCpu() {
  try {
    const [, ...f] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
    const n = f.map(Number);
    return (n[0] + n[1] + n[2] + n[5] + n[6] + n[7]) / 100; // user nice system irq softirq steal
  } catch {
    return NaN;
  }
}

/**
 * Tracks how much of the machine a run got: CPU used by `pids` (the server, this script)
 * and by everything else. On a shared box, a run where others took a core is not comparable.
 */
export function cpuWatch(pids) {
  const at = () => ({ wall: performance.now() / 1000, all: machineCpu(), ours: pids.reduce((sum, pid) => sum + processCpu(pid).all, 0) });
  const start = at();
  return () => {
    const end = at();
    const wall = end.wall - start.wall;
    const ours = end.ours - start.ours;
    return { oursCores: Math.round((ours / wall) * 100) / 100, othersCores: Math.round(((end.all - start.all - ours) / wall) * 100) / 100 };
  };
}

export function machine() {
  return { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadavg: os.loadavg().map((l) => Math.round(l * 100) / 100) };
}

export function saveResult(name, data) {
  mkdirSync(`${ROOT}bench/results`, { recursive: true });
  const file = `${ROOT}bench/results/${name}.json`;
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), machine: machine(), ...data }, null, 2) + '\n');
  return file;
}

export const fmt = (n) => (typeof n === 'number' ? (Number.isInteger(n) ? String(n) : n.toFixed(2)) : String(n));
