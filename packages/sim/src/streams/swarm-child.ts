// A child process holding the simulator's notification streams, so thousands of SSE clients
// neither share the load generator's event loop nor its file-descriptor budget. Controlled
// over IPC: connect → connected; count → received so far; collect → receipts and streams.
// A stream that ends is resumed with Last-Event-ID, as a real client would.
import http from 'node:http';

type Row = [stream: number, id: string, type: string, dropId: string | null, orderId: string | null, createdAt: number | null, at: number];
interface Stream { token: string; connectedAt: number | null; lostAt: number | null; reconnects: number; lastId: string | undefined; req?: http.ClientRequest }

const rows: Row[] = [];
const streams: Stream[] = [];
let base = '';
let closing = false;
const RECONNECTS = 20;

function open(k: number): Promise<boolean> {
  const s = streams[k]!;
  return new Promise((resolve) => {
    const headers: Record<string, string> = { accept: 'text/event-stream', authorization: `Bearer ${s.token}` };
    if (s.lastId) headers['last-event-id'] = s.lastId;
    const req = http.request(`${base}/v1/me/notifications/stream`, { agent: false, headers });
    s.req = req;
    req.setTimeout(30_000, () => req.destroy());
    let established = false;
    let finished = false;
    const ended = (): void => {
      if (finished) return;
      finished = true;
      if (!established) return resolve(false);
      if (!closing) void resume(k);
    };
    req.on('error', ended);
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return resolve(false);
      }
      established = true;
      req.setTimeout(0);
      s.connectedAt ??= Date.now();
      resolve(true);
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let cut;
        while ((cut = buf.indexOf('\n\n')) >= 0) {
          frame(k, buf.slice(0, cut));
          buf = buf.slice(cut + 2);
        }
      });
      res.on('error', () => undefined);
      res.on('close', ended);
    });
    req.end();
  });
}

function frame(k: number, block: string): void {
  let id: string | undefined;
  let type = 'message';
  let data = '';
  for (const line of block.split('\n')) {
    if (line.startsWith('id:')) id = line.slice(3).trim();
    else if (line.startsWith('event:')) type = line.slice(6).trim();
    else if (line.startsWith('data:')) data += line.slice(5).trim();
  }
  if (!id) return; // heartbeats and retry advice
  streams[k]!.lastId = id;
  let payload: { createdAt?: string; data?: { dropId?: string; orderId?: string } } = {};
  try {
    payload = JSON.parse(data) as typeof payload;
  } catch {
    /* recorded without its ids: the checker will not match it */
  }
  const createdAt = payload.createdAt ? Date.parse(payload.createdAt) : null;
  rows.push([k, id, type, payload.data?.dropId ?? null, payload.data?.orderId ?? null, createdAt, Date.now()]);
}

async function resume(k: number): Promise<void> {
  const s = streams[k]!;
  for (let attempt = 0; attempt < RECONNECTS && !closing; attempt++) {
    await new Promise((r) => setTimeout(r, Math.min(2000, 100 * 2 ** attempt)));
    s.reconnects++;
    if (await open(k)) return;
  }
  s.lostAt ??= Date.now();
}

process.on('message', (m: { cmd: string; url?: string; tokens?: string[]; wave?: number }) => {
  if (m.cmd === 'connect') {
    base = m.url!;
    const start = streams.length;
    for (const token of m.tokens!) streams.push({ token, connectedAt: null, lostAt: null, reconnects: 0, lastId: undefined });
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
    process.send!({ type: 'count', received: rows.length, open: streams.filter((s) => s.connectedAt !== null && s.lostAt === null).length });
  } else if (m.cmd === 'collect') {
    closing = true;
    for (const s of streams) s.req?.destroy();
    process.send!({ type: 'collected', rows, streams: streams.map((s) => ({ connectedAt: s.connectedAt, lostAt: s.lostAt, reconnects: s.reconnects })) });
  }
});
setTimeout(() => process.exit(2), 60 * 60_000).unref(); // bounded even if the parent dies silently
process.on('disconnect', () => process.exit(0));
