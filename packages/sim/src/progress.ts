import cliProgress from 'cli-progress';
import type { LoadProgress } from './load/driver.js';
import type { SimOptions } from './options.js';

export interface Progress {
  /** A step of the run (setup, streams, load, settle, check...). */
  phase(text: string): void;
  load(p: LoadProgress): void;
  stop(): void;
}

/** A redrawn bar on a terminal (cli-progress), one plain line per second elsewhere (CI logs, pipes). */
export function createProgress(mode: SimOptions['progress'], log: (line: string) => void): Progress {
  const bar = mode === 'bar' || (mode === 'auto' && process.stderr.isTTY === true);
  if (mode === 'none') return { phase: () => undefined, load: () => undefined, stop: () => undefined };
  if (!bar) {
    let last = 0;
    return {
      phase: (text) => log(text),
      load: (p) => {
        const now = Date.now();
        if (now - last < 1000 && p.elapsedMs < p.durationMs) return;
        last = now;
        log(
          `load ${(Math.min(p.elapsedMs, p.durationMs) / 1000).toFixed(1)}/${(p.durationMs / 1000).toFixed(1)} s: ${p.sent} requests sent, ${p.inFlight} in flight`,
        );
      },
      stop: () => undefined,
    };
  }
  const b = new cliProgress.SingleBar(
    {
      format: 'load [{bar}] {percentage}% | {value}/{total} s | {sent} sent, {inFlight} in flight',
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    phase: (text) => {
      if (started) {
        b.stop();
        started = false;
      }
      log(text);
    },
    load: (p) => {
      const total = Math.round(p.durationMs / 100) / 10;
      const value = Math.min(total, Math.round(p.elapsedMs / 100) / 10);
      if (!started) {
        b.start(total, value, { sent: p.sent, inFlight: p.inFlight });
        started = true;
      } else b.update(value, { sent: p.sent, inFlight: p.inFlight });
    },
    stop: () => {
      if (started) b.stop();
      started = false;
    },
  };
}
