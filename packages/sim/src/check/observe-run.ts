import type { Api } from '../client/api.js';
import type { History } from '../history/history.js';
import type { Observed } from '../history/observed.js';
import type { OrderInvoke } from '../history/types.js';
import type { StreamSwarm } from '../streams/swarm.js';
import type { World } from '../setup/world.js';
import { observeDrops, observeInboxes, observeOrders } from './observe.js';

/**
 * Reads back, through the public API, what the checker compares the history with: the
 * drops, every order of every user who tried to buy, the inboxes of buyers who were
 * acknowledged an order and of the sampled followers, and what each stream received.
 */
export async function observeRun(
  api: Api,
  world: World,
  history: History,
  swarm: StreamSwarm | undefined,
): Promise<Observed> {
  const indexOf = new Map(world.userIds.map((id, i) => [id, i]));
  const user = (i: number): { userId: string; token: string } => ({
    userId: world.userIds[i]!,
    token: world.tokens[i]!,
  });
  const dropIds = new Set(world.drops.map((d) => d.id));
  const ordered = new Set<number>();
  const acknowledged = new Set<number>();
  const invokes = new Map<number, OrderInvoke>();
  for (const op of history.ops) {
    if (op.f !== 'order') continue;
    if (op.type === 'invoke') {
      const v = op.value as OrderInvoke;
      invokes.set(op.index, v);
      ordered.add(indexOf.get(v.userId)!);
    } else if (op.type === 'ok') acknowledged.add(indexOf.get(invokes.get(op.invoke!)!.userId)!);
  }
  const [from, to] = world.samplers;
  const inboxUsers = new Set([...acknowledged, ...Array.from({ length: to - from }, (_, k) => from + k)]);
  const drops = await observeDrops(api, world.drops);
  const orders = await observeOrders(api, [...ordered].map(user), dropIds);
  const inboxes = await observeInboxes(api, [...inboxUsers].map(user), dropIds);
  const { receipts, streams } = swarm ? await swarm.collect() : { receipts: [], streams: [] };
  const follows: Record<string, string[]> = {};
  for (const i of [...inboxUsers, ...streams.map((s) => indexOf.get(s.userId)!)])
    follows[world.userIds[i]!] = world.followsOf(i);
  return { epoch0: history.epoch0, drops, orders, inboxes, follows, streams, receipts };
}
