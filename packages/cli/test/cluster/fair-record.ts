import type { FairCluster } from './fair-cluster.js';

/** One queue entry as the database holds it. */
export interface EntryRow {
  state: string;
  spent: boolean;
}

/** The queue's entries by user, from the record (never the API). */
export async function queueEntries(c: FairCluster, dropId: string): Promise<Map<string, EntryRow>> {
  const rows = await c.rows(
    `SELECT user_id, state, spent_at IS NOT NULL FROM queue_entries WHERE drop_id = '${dropId}'`,
  );
  return new Map(rows.map(([u, state, spent]) => [u!, { state: state!, spent: spent === 't' }]));
}

/** How many events of each type each user has on the drop: `type → user → count`. */
export async function eventCounts(c: FairCluster, dropId: string): Promise<Map<string, Map<string, number>>> {
  const rows = await c.rows(
    `SELECT type, user_id, count(*) FROM outbox WHERE drop_id = '${dropId}' AND user_id IS NOT NULL GROUP BY 1, 2`,
  );
  const byType = new Map<string, Map<string, number>>();
  for (const [type, user, n] of rows) {
    if (!byType.has(type!)) byType.set(type!, new Map());
    byType.get(type!)!.set(user!, Number(n));
  }
  return byType;
}

/** The drop's counters and its orders (units per user, cancelled and expired ones aside). */
export async function sales(c: FairCluster, dropId: string) {
  const [[total, sold]] = (await c.rows(`SELECT total, sold FROM drops WHERE id = '${dropId}'`)) as [[string, string]];
  const orders = await c.rows(
    `SELECT user_id, sum(quantity), count(*) FROM orders
     WHERE drop_id = '${dropId}' AND status NOT IN ('expired', 'cancelled') GROUP BY 1`,
  );
  return {
    total: Number(total),
    sold: Number(sold),
    units: orders.reduce((n, [, q]) => n + Number(q), 0),
    /** Users with more than one order on the drop. */
    twice: orders.filter(([, , n]) => Number(n) > 1).map(([u]) => u!),
    buyers: new Set(orders.map(([u]) => u!)),
  };
}

/**
 * What the queue-storm's record says went wrong, as sentences (empty: nothing): anyone admitted
 * twice, or admitted without the event (or the other way round); anyone waiting at the kill who
 * was neither admitted later nor told `queue.closed`; anyone still waiting; passes beyond the
 * stock (an instant drop has no holds that could expire); units sold other than the stock.
 */
export async function queueProblems(c: FairCluster, dropId: string, atKill: Map<string, EntryRow>) {
  const entries = await queueEntries(c, dropId);
  const events = await eventCounts(c, dropId);
  const admittedEvents = events.get('queue.admitted') ?? new Map<string, number>();
  const closedEvents = events.get('queue.closed') ?? new Map<string, number>();
  const s = await sales(c, dropId);
  const problems: string[] = [];
  for (const [u, n] of admittedEvents) if (n > 1) problems.push(`${u} got queue.admitted ${n} times`);
  for (const [u, e] of entries) {
    const admitted = e.state === 'admitted';
    const [told, closes] = [admittedEvents.get(u) ?? 0, closedEvents.get(u) ?? 0];
    if (admitted !== admittedEvents.has(u)) problems.push(`${u} is ${e.state} with ${told} queue.admitted`);
    if (e.state === 'waiting') problems.push(`${u} still waits after the sell-out`);
    if (e.state === 'closed' && closes !== 1) problems.push(`${u} closed with ${closes} queue.closed`);
  }
  for (const [u, before] of atKill) {
    const after = entries.get(u);
    if (before.state === 'waiting' && after?.state !== 'admitted' && after?.state !== 'closed')
      problems.push(`${u}, waiting at the kill, ended ${after?.state ?? 'gone'}`);
    if (before.state === 'admitted' && !before.spent && !s.buyers.has(u))
      problems.push(`${u} held a pass at the kill and never bought`);
  }
  const admitted = [...entries.values()].filter((e) => e.state === 'admitted').length;
  if (admitted > s.total) problems.push(`${admitted} admitted for ${s.total} units`);
  if (s.sold !== s.total || s.units !== s.total) problems.push(`sold ${s.sold} (orders: ${s.units}) of ${s.total}`);
  for (const u of s.twice) problems.push(`${u} ordered twice`);
  for (const u of s.buyers) if (!entries.get(u)?.spent) problems.push(`${u} bought without a spent pass`);
  return { problems, admitted, waitingAtKill: [...atKill.values()].filter((e) => e.state === 'waiting').length };
}

/**
 * What the draw's record says went wrong: not shuffled, or shuffled more than once (one
 * published shuffle, one ranking, one `draw.won` or `draw.lost` per entrant); winners other
 * than the stock, or without exactly one hold of their own; units held other than the stock.
 */
export async function drawProblems(c: FairCluster, dropId: string, entrants: number) {
  const problems: string[] = [];
  const [[shuffledAt, published]] = (await c.rows(
    `SELECT d.shuffled_at, (SELECT count(*) FROM fair_shuffles f WHERE f.drop_id = d.id)
     FROM drops d WHERE d.id = '${dropId}'`,
  )) as [[string, string]];
  if (!shuffledAt || published !== '1')
    problems.push(`shuffled_at ${shuffledAt || 'null'}, ${published} published shuffles`);
  const [[entries, ranked, ranks, granted]] = (await c.rows(
    `SELECT count(*), count(rank), count(DISTINCT rank), count(granted_at)
     FROM draw_entries WHERE drop_id = '${dropId}'`,
  )) as [[string, string, string, string]];
  if (Number(entries) !== entrants) problems.push(`${entries} entries of ${entrants} entrants`);
  if (ranked !== entries || ranks !== entries)
    problems.push(`${ranked} ranked (${ranks} distinct ranks) of ${entries}`);
  const events = await eventCounts(c, dropId);
  const won = events.get('draw.won') ?? new Map<string, number>();
  const lost = events.get('draw.lost') ?? new Map<string, number>();
  for (const [u, n] of [...won, ...lost]) if (n !== 1 || (won.has(u) && lost.has(u))) problems.push(`${u}: told twice`);
  if (won.size + lost.size !== Number(entries))
    problems.push(`${won.size} won + ${lost.size} lost of ${entries} entries`);
  const s = await sales(c, dropId);
  if (won.size !== s.total || Number(granted) !== s.total)
    problems.push(`${won.size} won, ${granted} granted of ${s.total}`);
  if (s.sold !== s.total || s.units !== s.total) problems.push(`held ${s.sold} (orders: ${s.units}) of ${s.total}`);
  for (const u of s.twice) problems.push(`${u} holds twice`);
  for (const u of s.buyers) if (!won.has(u)) problems.push(`${u} holds without draw.won`);
  return { problems, won: won.size, lost: lost.size };
}
