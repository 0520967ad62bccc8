import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { cliName } from '../cli-name.js';
import { resolveCtx, type Ctx } from '../context.js';
import { formatDuration } from '../duration.js';
import { NotLoggedInError, UsageError, withFlags } from '../errors.js';
import { formatMoney } from '../money.js';
import { example } from '../output.js';

export interface OrderJson {
  id: string;
  userId: string;
  dropId: string;
  quantity: number;
  unitPriceCents: number;
  totalCents: number;
  currency: string;
  status: 'held' | 'confirmed' | 'cancelled' | 'expired';
  createdAt: string;
  /** Orders of pay drops only. */
  expiresAt?: string;
  payment?: { id: string; status: string; amountCents: number; currency: string } | null;
}

/** What a person needs to hear about a hold: until when, and how to pay for it. */
export function holdNote(o: OrderJson, now = Date.now()): string {
  if (o.status !== 'held' || !o.expiresAt) return '';
  const left = Date.parse(o.expiresAt) - now;
  return `held until ${o.expiresAt} (${formatDuration(left)} left): pay with \`${cliName()} order pay ${o.id} --method pm_card_visa\`, or it returns to the drop`;
}

const checkKey = (key: string | undefined): void => {
  if (key !== undefined && !/^[\x20-\x7e]{1,255}$/.test(key))
    throw new UsageError('invalid --key: 1-255 printable ASCII characters');
};

function showOutcome(ctx: Ctx, o: OrderJson, extra: Record<string, unknown>, line: string): void {
  if (ctx.out.json) return ctx.out.printJson({ ...o, ...extra });
  ctx.out.line(line);
}

/** `order pay` and `order cancel`: finishing a hold on a pay drop. */
export function registerCheckoutCommands(order: Command): void {
  order
    .command('pay <orderId>')
    .description('Pay for a held order (pay drops), exactly once per idempotency key')
    .requiredOption(
      '--method <pm>',
      'payment method: pm_card_visa, pm_card_chargeDeclined, pm_card_insufficientFunds, pm_card_slow, pm_card_flaky',
    )
    .option('--key <key>', 'Idempotency-Key; repeat it to retry safely (default: a fresh random one)')
    .addHelpText(
      'after',
      `
A declined card (exit 1, the decline code on stderr) leaves the hold in place: try another
method with a new key. If the gateway did not answer, retrying with the same --key resumes
the same payment and never charges twice.
${example('livedrops order pay 0193a2b4-… --method pm_card_visa')}`,
    )
    .action(async (orderId: string, opts: { method: string; key?: string }, cmd: Command) => {
      checkKey(opts.key);
      const ctx = resolveCtx(cmd);
      if (!ctx.api.hasToken) throw new NotLoggedInError();
      const key = opts.key ?? randomUUID();
      if (!opts.key) ctx.out.note(`Idempotency-Key: ${key}`);
      const path = `/v1/orders/${encodeURIComponent(orderId)}/payment`;
      const call = ctx.api.request<OrderJson>('POST', path, {
        auth: true,
        body: { paymentMethodId: opts.method },
        headers: { 'idempotency-key': key },
      });
      const r = await withFlags(call, { paymentMethodId: '--method', 'Idempotency-Key': '--key', id: 'ORDER_ID' });
      const replayed = r.headers.get('idempotent-replayed') === 'true';
      const p = r.body.payment;
      showOutcome(
        ctx,
        r.body,
        { replayed },
        `paid: order ${r.body.id} confirmed, ${formatMoney(p?.amountCents ?? r.body.totalCents, r.body.currency)} ${p?.status ?? ''}`.trimEnd(),
      );
      if (replayed && !ctx.out.json)
        ctx.out.note('(replayed: this Idempotency-Key was used before; nothing was charged again)');
    });

  order
    .command('cancel <orderId>')
    .description('Let a held order go; its units return to the drop at once')
    .addHelpText('after', example('livedrops order cancel 0193a2b4-…'))
    .action(async (orderId: string, _opts: unknown, cmd: Command) => {
      const ctx = resolveCtx(cmd);
      if (!ctx.api.hasToken) throw new NotLoggedInError();
      const o = await ctx.api.send<OrderJson>('POST', `/v1/orders/${encodeURIComponent(orderId)}/cancel`);
      showOutcome(ctx, o, {}, `cancelled: order ${o.id}; ${o.quantity} unit(s) went back to drop ${o.dropId}`);
    });
}
