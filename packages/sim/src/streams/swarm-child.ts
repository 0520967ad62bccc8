// A child process holding the simulator's notification streams, so thousands of clients
// neither share the load generator's event loop nor its file-descriptor budget. Controlled
// over IPC: connect → connected; count → received so far; collect → receipts and streams.
// A stream that ends is resumed from the last id it saw (Last-Event-ID, or `after:` over
// WebSocket), as a real client would, on the next instance when its own one stopped answering.
// argv[2]: `sse` (default) or `ws`; argv[3]: event types also sent to the parent as they arrive.
import { connectSse } from './connect-sse.js';
import { connectWs } from './connect-ws.js';

type Row = [
  stream: number,
  id: string,
  type: string,
  dropId: string | null,
  orderId: string | null,
  createdAt: number | null,
  at: number,
];
interface Stream {
  token: string;
  /** Which of `bases` it connects to. */
  at: number;
  connectedAt: number | null;
  lostAt: number | null;
  reconnects: number;
  lastId: string | undefined;
  close?: () => void;
}

const connect = process.argv[2] === 'ws' ? connectWs : connectSse;
const live = new Set((process.argv[3] ?? '').split(',').filter(Boolean));
const rows: Row[] = [];
const streams: Stream[] = [];
let bases: string[] = [];
let closing = false;
const RECONNECTS = 20;

async function open(k: number): Promise<boolean> {
  const s = streams[k]!;
  const close = await connect(bases[s.at]!, s.token, s.lastId, {
    event: (id, type, payload) => record(k, id, type, payload),
    ended: () => void (closing || resume(k)),
  });
  if (!close) return false;
  s.close = close;
  s.connectedAt ??= Date.now();
  return true;
}

function record(k: number, id: string, type: string, payload: unknown): void {
  streams[k]!.lastId = id;
  const p = payload as { createdAt?: string; data?: { dropId?: string; orderId?: string } };
  const createdAt = p.createdAt ? Date.parse(p.createdAt) : null;
  const at = Date.now();
  rows.push([k, id, type, p.data?.dropId ?? null, p.data?.orderId ?? null, createdAt, at]);
  if (!live.has(type)) return;
  // In batches: at a start thousands arrive at once, and a message each costs both processes.
  if (heard.length === 0) setTimeout(flushLive, 5);
  heard.push([k, type, p.data ?? {}, at]);
}

let heard: Array<[k: number, event: string, data: unknown, at: number]> = [];
function flushLive(): void {
  process.send!({ type: 'live', events: heard });
  heard = [];
}

async function resume(k: number): Promise<void> {
  const s = streams[k]!;
  for (let attempt = 0; attempt < RECONNECTS && !closing; attempt++) {
    await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** attempt)));
    s.reconnects++;
    if (await open(k)) return;
    s.at = (s.at + 1) % bases.length;
  }
  s.lostAt ??= Date.now();
}

process.on('message', (m: { cmd: string; urls?: string[]; tokens?: string[]; wave?: number }) => {
  if (m.cmd === 'connect') {
    bases = m.urls!;
    const start = streams.length;
    for (const [i, token] of m.tokens!.entries())
      streams.push({ token, at: i % bases.length, connectedAt: null, lostAt: null, reconnects: 0, lastId: undefined });
    void (async () => {
      const t0 = Date.now();
      let ok = 0;
      // In waves: a burst of 10,000 SYNs would overflow the listen backlog and stall on retries.
      for (let i = start; i < streams.length; i += m.wave!) {
        const batch = Array.from({ length: Math.min(m.wave!, streams.length - i) }, (_, j) => open(i + j));
        ok += (await Promise.all(batch)).filter(Boolean).length;
      }
      process.send!({ type: 'connected', ok, failed: streams.length - start - ok, ms: Date.now() - t0 });
    })();
  } else if (m.cmd === 'count') {
    process.send!({
      type: 'count',
      received: rows.length,
      open: streams.filter((s) => s.connectedAt !== null && s.lostAt === null).length,
    });
  } else if (m.cmd === 'collect') {
    closing = true;
    for (const s of streams) s.close?.();
    process.send!({
      type: 'collected',
      rows,
      streams: streams.map((s) => ({ connectedAt: s.connectedAt, lostAt: s.lostAt, reconnects: s.reconnects })),
    });
  }
});
setTimeout(() => process.exit(2), 60 * 60_000).unref(); // bounded even if the parent dies silently
process.on('disconnect', () => process.exit(0));
