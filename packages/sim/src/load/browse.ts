import type { ReadDropOk } from '../history/types.js';
import type { Read } from './schedule.js';
import { ENDPOINT, until, type LoadContext } from './load-context.js';

// Browsing is not retried (a reader just looks again later), and gets a generous timeout.
const READ_TIMEOUT_MS = 10_000;

function path(ctx: LoadContext, r: Read): string {
  const drop = ctx.drops[r.drop]!;
  const creator = ctx.world.creators.find((c) => c.id === drop.creatorId)!;
  switch (r.kind) {
    case 'read-drop':
      return `/v1/drops/${drop.id}`;
    case 'list-drops':
      return '/v1/drops?status=live&limit=20';
    case 'read-product':
      return `/v1/products/${creator.productId}`;
    case 'read-creator':
      return `/v1/creators/${creator.id}`;
  }
}

/** One anonymous catalogue read; drop reads keep `available`, which the checker's freshness rule uses. */
export async function runRead(ctx: LoadContext, r: Read, dueAt: number): Promise<void> {
  await until(ctx, dueAt);
  const dropId = ctx.drops[r.drop]!.id;
  const inv = ctx.history.invoke(r.kind, `reader-${r.index}`, r.kind === 'read-drop' ? { dropId } : {});
  // Only a drop read's body is looked at (its `available`); the rest need not be parsed.
  const reply = await ctx.http.request('GET', path(ctx, r), {
    timeoutMs: READ_TIMEOUT_MS,
    parse: r.kind === 'read-drop',
  });
  if (reply.kind === 'error') {
    ctx.history.complete(inv, reply.error === 'refused' ? 'fail' : 'info', { error: reply.error }, dueAt);
    return;
  }
  const ok = reply.status === 200;
  const value: ReadDropOk | { status: number } =
    ok && r.kind === 'read-drop'
      ? { dropId, available: reply.body.stock.available, total: reply.body.stock.total, status: reply.body.status }
      : { status: reply.status };
  const code = typeof reply.body === 'object' ? reply.body?.code : /"code":"([^"]+)"/.exec(String(reply.body))?.[1];
  const done = ctx.history.complete(
    inv,
    ok ? 'ok' : 'fail',
    ok ? value : { status: reply.status, code: code ?? `http_${reply.status}` },
    dueAt,
  );
  ctx.latency.record(ENDPOINT[r.kind], done.latencyMs!);
  ctx.latency.record('reads', done.latencyMs!);
}
