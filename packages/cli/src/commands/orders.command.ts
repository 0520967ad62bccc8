import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { resolveCtx, type Ctx } from '../context.js';
import { parseCount } from '../duration.js';
import { NotLoggedInError, UsageError, withFlags } from '../errors.js';
import { fetchList, pagingOptions, printList, type ListFlags } from '../listing.js';
import { formatMoney } from '../money.js';
import { example } from '../output.js';
import { holdNote, registerCheckoutCommands, type OrderJson } from './checkout.command.js';

const HEADERS = ['ID', 'DROP', 'QTY', 'TOTAL', 'STATUS', 'CREATED'];
const status = (o: OrderJson): string => (o.status === 'held' && o.expiresAt ? `held until ${o.expiresAt}` : o.status);
const row = (o: OrderJson): string[] => [
  o.id,
  o.dropId,
  String(o.quantity),
  formatMoney(o.totalCents, o.currency),
  status(o),
  o.createdAt,
];

function showOrder(ctx: Ctx, o: OrderJson, replayed: boolean): void {
  if (ctx.out.json) return ctx.out.printJson({ ...o, replayed });
  ctx.out.table(HEADERS, [row(o)]);
  if (replayed) ctx.out.note('(replayed: this Idempotency-Key was used before; no new order was made)');
  const hold = holdNote(o);
  if (hold) ctx.out.note(hold);
}

export function registerOrderCommands(program: Command): void {
  const orders = program.command('orders').description('Your orders');
  pagingOptions(orders.command('list').description('List your orders, newest first'))
    .addHelpText(
      'after',
      example('livedrops orders list', 'livedrops orders list --json | jq "map(.totalCents) | add"'),
    )
    .action(async (opts: ListFlags, cmd: Command) => {
      const ctx = resolveCtx(cmd);
      const list = await fetchList<OrderJson>(ctx, '/v1/me/orders', opts, { auth: true });
      printList(ctx, list, 'no orders yet', (items) => ctx.out.table(HEADERS, items.map(row)));
    });

  const order = program.command('order').description('Buy from a live drop; pay for or cancel a hold');
  registerCheckoutCommands(order);
  order
    .command('place <dropId>')
    .description('Order from a live drop, exactly once per idempotency key')
    .option('--quantity <n>', 'units to buy (1-100)', '1')
    .option('--key <key>', 'Idempotency-Key; repeat it to retry safely (default: a fresh random one)')
    .option('--pass <pass>', 'waiting-room drops: the admission pass from `livedrops queue join`')
    .addHelpText(
      'after',
      `
Retrying with the same --key never buys twice: the server answers the first outcome again.
Without --key a new key is generated and printed on stderr, so a failed run can be retried.
On a pay drop the order is a hold: it prints until when, and \`order pay\` confirms it.
${example('livedrops order place 0193a2b4-… --quantity 2', 'livedrops order place 0193a2b4-… --key my-retry-key-1')}`,
    )
    .action(async (dropId: string, opts: { quantity: string; key?: string; pass?: string }, cmd: Command) => {
      const quantity = parseCount(opts.quantity, '--quantity', 1, 100);
      if (opts.key !== undefined && !/^[\x20-\x7e]{1,255}$/.test(opts.key))
        throw new UsageError('invalid --key: 1-255 printable ASCII characters');
      const ctx = resolveCtx(cmd);
      if (!ctx.api.hasToken) throw new NotLoggedInError();
      const key = opts.key ?? randomUUID();
      if (!opts.key) ctx.out.note(`Idempotency-Key: ${key}`);
      const headers = { 'idempotency-key': key };
      const placed = ctx.api.request<OrderJson>('POST', '/v1/orders', {
        auth: true,
        body: { dropId, quantity, ...(opts.pass ? { pass: opts.pass } : {}) },
        headers,
      });
      const r = await withFlags(placed, {
        dropId: 'DROP_ID',
        quantity: '--quantity',
        pass: '--pass',
        'Idempotency-Key': '--key',
      });
      showOrder(ctx, r.body, r.headers.get('idempotent-replayed') === 'true');
    });
}
