import { createWriteStream, type WriteStream } from 'node:fs';
import type { Op, OpF, OpType } from './types.js';

/**
 * Records operations in the order they happen, in memory (for the checker) and as JSONL
 * (one op per line, so an op's `index` is its line number and a violation can point at it).
 */
export class History {
  readonly ops: Op[] = [];
  /** performance.now() at the run's start; op times are relative to it. */
  readonly t0 = performance.now();
  /** Epoch ms at t0, to put receipts (epoch ms) on the same axis. */
  readonly epoch0 = Date.now();
  private readonly out: WriteStream | undefined;

  constructor(file?: string) {
    this.out = file ? createWriteStream(file) : undefined;
  }

  /** ms since the start of the run. */
  now(): number {
    return performance.now() - this.t0;
  }

  invoke(f: OpF, process: string, value: unknown): Op {
    return this.add({ index: this.ops.length + 1, type: 'invoke', f, process, time: this.now(), value });
  }

  /** Completes `inv`; `dueAt` (ms since start) is when the request was due, for its latency. */
  complete(inv: Op, type: Exclude<OpType, 'invoke'>, value: unknown, dueAt = inv.time): Op {
    const time = this.now();
    return this.add({
      index: this.ops.length + 1,
      type,
      f: inv.f,
      process: inv.process,
      time,
      invoke: inv.index,
      latencyMs: time - dueAt,
      value,
    });
  }

  private add(op: Op): Op {
    this.ops.push(op);
    this.out?.write(`${JSON.stringify(op)}\n`);
    return op;
  }

  async close(): Promise<void> {
    const out = this.out;
    if (out)
      await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}

/** Reads a history.jsonl back (for `checkHistory` on a saved run). */
export function parseHistory(text: string): Op[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Op);
}
