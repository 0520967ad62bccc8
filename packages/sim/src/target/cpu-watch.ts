import { readFileSync } from 'node:fs';

/** Busy CPU seconds of the whole machine so far (all cores, Linux /proc/stat); NaN elsewhere. */
function machineBusy(): number {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    return (f[0]! + f[1]! + f[2]! + f[5]! + f[6]! + f[7]!) / 100; // user nice system irq softirq steal
  } catch {
    return NaN;
  }
}

/** CPU seconds a process (all its threads) has used so far, from /proc; NaN if unreadable. */
function processBusy(pid: number): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

export interface CpuShare {
  /** Cores used, on average, by the simulator's processes (this one, with the embedded server, and the stream swarm). */
  oursCores: number;
  /** Cores everything else on the machine took meanwhile: above ~0.2 of 2, latencies are not comparable. */
  othersCores: number;
}

/**
 * On a shared machine a run's latency says as much about the neighbours as about the
 * server; this says how much of the machine the run actually had. Returns a stop function.
 */
export function watchCpu(pids: () => number[]): () => CpuShare | null {
  const at = (): { wall: number; all: number; ours: number } => ({
    wall: performance.now() / 1000,
    all: machineBusy(),
    ours: pids().reduce((s, pid) => s + processBusy(pid), 0),
  });
  const start = at();
  return () => {
    const end = at();
    const wall = end.wall - start.wall;
    const ours = end.ours - start.ours;
    if (!Number.isFinite(ours) || !Number.isFinite(end.all) || wall <= 0) return null;
    const r = (x: number): number => Math.round(x * 100) / 100;
    return { oursCores: r(ours / wall), othersCores: r(Math.max(0, end.all - start.all - ours) / wall) };
  };
}
