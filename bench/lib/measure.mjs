// Small measuring helpers for the benches: percentiles, process memory, fd limits.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

export function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
}

export const stats = (xs) => ({ n: xs.length, p50: pct(xs, 50), p99: pct(xs, 99), max: pct(xs, 100) });

/** Resident and peak resident memory of a process, in MiB (Linux /proc). */
export function rssMiB(pid) {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/**
 * Makes sure this process (and so its children) may hold `needed` open files: re-runs the
 * script under `ulimit -n needed` when the hard limit allows (never returns then), else
 * returns how many it may hold so the caller can scale down.
 */
export function ensureFdLimit(needed) {
  const sh = (cmd) => spawnSync('sh', ['-c', cmd]).stdout.toString().trim();
  const soft = Number(sh('ulimit -n'));
  if (soft >= needed || process.env.BENCH_FD_REEXEC) return soft;
  const hard = sh('ulimit -Hn');
  if (hard !== 'unlimited' && Number(hard) < needed) return Number(hard);
  const r = spawnSync('sh', ['-c', `ulimit -n ${needed} && exec "$0" "$@"`, process.execPath, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_FD_REEXEC: '1' },
  });
  process.exit(r.status ?? 1);
}
