import type { Command } from 'commander';
import { resolveCtx } from '../context.js';
import { creatorFilter } from '../creators.js';
import { DROP_HEADERS, dropDetails, dropRow, type DropJson } from '../drop-format.js';
import { parseCount, parseDuration, parseInstant } from '../duration.js';
import { UsageError, withFlags } from '../errors.js';
import { fetchList, pagingOptions, printList, type ListFlags } from '../listing.js';
import { example } from '../output.js';
import { registerDropWatch } from './drop-watch.command.js';
import { cliName } from '../cli-name.js';
import { ACCESS_FLAGS, accessBody, accessOptions, type AccessOpts } from './access-flags.js';

interface ScheduleOpts extends AccessOpts {
  product: string;
  starts?: string;
  startsIn?: string;
  ends?: string;
  duration?: string;
  stock: string;
  perUserLimit?: string;
  lowStock?: string;
  checkout?: string;
  hold?: string;
}

/** Which flag stands for each API field of a schedule request, as this person typed it. */
const scheduleFlags = (o: ScheduleOpts): Record<string, string> => ({
  productId: '--product',
  startsAt: o.starts !== undefined ? '--starts' : '--starts-in',
  endsAt: o.ends !== undefined ? '--ends' : '--duration',
  stock: '--stock',
  perUserLimit: '--per-user-limit',
  lowStockThreshold: '--low-stock',
  checkout: '--checkout',
  holdSeconds: '--hold',
  ...ACCESS_FLAGS,
});

/** Exactly one of each pair of flags; relative forms count from now; the end must be ahead. */
export function scheduleWindow(o: ScheduleOpts, now: number): { startsAt: number; endsAt: number } {
  if ((o.starts === undefined) === (o.startsIn === undefined))
    throw new UsageError('give exactly one of --starts ISO or --starts-in DURATION');
  if ((o.ends === undefined) === (o.duration === undefined))
    throw new UsageError('give exactly one of --ends ISO or --duration DURATION');
  const startsAt =
    o.starts !== undefined ? parseInstant(o.starts, '--starts') : now + parseDuration(o.startsIn!, '--starts-in');
  const endsAt =
    o.ends !== undefined ? parseInstant(o.ends, '--ends') : startsAt + parseDuration(o.duration!, '--duration');
  if (endsAt <= startsAt) throw new UsageError('the drop must end after it starts');
  if (endsAt <= now) {
    const { startsAt: from, endsAt: to } = scheduleFlags(o);
    throw new UsageError(
      `invalid ${from}/${to}: the drop would end at ${new Date(endsAt).toISOString()}, which has passed`,
    );
  }
  return { startsAt, endsAt };
}

/** `--checkout` and `--hold` as the API's `checkout` and `holdSeconds`. */
function checkoutBody(o: ScheduleOpts): { checkout?: string; holdSeconds?: number } {
  if (o.checkout !== undefined && o.checkout !== 'instant' && o.checkout !== 'pay')
    throw new UsageError(`invalid --checkout "${o.checkout}": instant or pay`);
  if (o.hold === undefined) return o.checkout ? { checkout: o.checkout } : {};
  if (o.checkout !== 'pay') throw new UsageError('--hold needs --checkout pay');
  const ms = parseDuration(o.hold, '--hold');
  if (ms % 1000 !== 0) throw new UsageError(`invalid --hold "${o.hold}": whole seconds`);
  return { checkout: 'pay', holdSeconds: ms / 1000 };
}

const LIST_STATUSES = ['live', 'upcoming', 'sold_out', 'ended', 'cancelled'];

export function registerDropCommands(program: Command): void {
  const drop = program.command('drop').description('Drops: limited stock on sale for a window of time');

  accessOptions(drop.command('schedule'))
    .description('Schedule a drop of one of your products')
    .requiredOption('--product <id>', 'the product on sale')
    .option('--starts <iso>', 'start time, ISO 8601 with a zone (e.g. 2026-11-21T19:00:00Z)')
    .option('--starts-in <duration>', 'start after this long, e.g. 10m, 1h30m (0s is not allowed; use 1s)')
    .option('--ends <iso>', 'end time, ISO 8601 with a zone')
    .option('--duration <duration>', 'how long it runs, e.g. 1h')
    .requiredOption('--stock <n>', 'units for sale')
    .option('--per-user-limit <n>', 'most units one buyer may get (default: no limit)')
    .option('--low-stock <n>', 'followers hear "stock low" at this many left (default: a tenth of the stock)')
    .option(
      '--checkout <mode>',
      'instant (default: orders are confirmed at once) or pay (an order is a hold until paid)',
    )
    .option('--hold <duration>', 'pay drops: how long a buyer has to pay, 30s to 1h (default 10m)')
    .addHelpText(
      'after',
      example(
        'livedrops drop schedule --product 0193a2b4-… --starts-in 10m --duration 1h --stock 500 --per-user-limit 2',
        'livedrops drop schedule --product 0193a2b4-… --starts-in 1m --duration 1h --stock 50 --checkout pay --hold 5m',
        'livedrops drop schedule --product 0193a2b4-… --starts-in 2h --duration 1h --stock 50 --draw --entries-open 0s --entries-close 1h',
      ),
    )
    .action(async (opts: ScheduleOpts, cmd: Command) => {
      const { startsAt, endsAt } = scheduleWindow(opts, Date.now());
      const stock = parseCount(opts.stock, '--stock');
      const body = {
        productId: opts.product,
        startsAt: new Date(startsAt).toISOString(),
        endsAt: new Date(endsAt).toISOString(),
        stock,
        perUserLimit: opts.perUserLimit === undefined ? undefined : parseCount(opts.perUserLimit, '--per-user-limit'),
        lowStockThreshold: opts.lowStock === undefined ? undefined : parseCount(opts.lowStock, '--low-stock', 0, stock),
        ...checkoutBody(opts),
        ...accessBody(opts, startsAt, Date.now()),
      };
      const ctx = resolveCtx(cmd);
      const d = await withFlags(ctx.api.send<DropJson>('POST', '/v1/drops', body), scheduleFlags(opts));
      if (ctx.out.json) return ctx.out.printJson(d);
      for (const l of dropDetails(ctx.out.c, d, Date.now())) ctx.out.line(l);
      ctx.out.note(`Watch it live: ${cliName()} drop watch ${d.id}`);
    });

  pagingOptions(
    drop
      .command('list')
      .description(
        'List drops: upcoming soonest first, live and sold out newest first, ended and cancelled latest first',
      )
      .option(
        '--status <status>',
        'live (sold out too, while open), upcoming, sold_out, ended (cancelled too), cancelled',
      )
      .option('--mine', 'only your drops')
      .option('--creator <handle>', "only this creator's drops (a handle, or an id)"),
  )
    .addHelpText(
      'after',
      `
A drop that sold out before its end is listed under sold_out (and live) until its window
closes, then under ended.${example(
        'livedrops drop list --status live',
        'livedrops drop list --creator ada --status sold_out',
        'livedrops drop list --mine --json',
      )}`,
    )
    .action(async (opts: ListFlags & { status?: string; mine?: boolean; creator?: string }, cmd: Command) => {
      if (opts.status !== undefined && !LIST_STATUSES.includes(opts.status)) {
        throw new UsageError(`invalid --status "${opts.status}": expected ${LIST_STATUSES.join(', ')}`);
      }
      const ctx = resolveCtx(cmd);
      const creatorId = await creatorFilter(ctx, opts);
      const query = { status: opts.status, creatorId };
      const list = await fetchList<DropJson>(ctx, '/v1/drops', opts, {
        query,
        flags: { status: '--status', creatorId: '--creator' },
      });
      const now = Date.now();
      printList(ctx, list, 'no drops', (items) =>
        ctx.out.table(
          DROP_HEADERS,
          items.map((d) => dropRow(ctx.out.c, d, now)),
        ),
      );
      if (opts.status === 'ended' && !ctx.out.json) {
        ctx.out.note('(drops that sold out are listed with --status sold_out until their window closes)');
      }
    });

  drop
    .command('show <id>')
    .description('Show one drop with its live stock')
    .addHelpText(
      'after',
      example('livedrops drop show 0193a2b4-…', 'livedrops drop show 0193a2b4-… --json | jq .stock.available'),
    )
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const ctx = resolveCtx(cmd);
      const d = await ctx.api.get<DropJson>(`/v1/drops/${encodeURIComponent(id)}`);
      if (ctx.out.json) return ctx.out.printJson(d);
      for (const l of dropDetails(ctx.out.c, d, Date.now())) ctx.out.line(l);
    });

  drop
    .command('cancel <id>')
    .description('Cancel one of your drops; no order succeeds after this returns')
    .addHelpText('after', example('livedrops drop cancel 0193a2b4-…'))
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const ctx = resolveCtx(cmd);
      const d = await ctx.api.send<DropJson>('POST', `/v1/drops/${encodeURIComponent(id)}/cancel`);
      if (ctx.out.json) return ctx.out.printJson(d);
      ctx.out.note(`Cancelled ${d.product.title} (${d.id}) with ${d.stock.available} of ${d.stock.total} unsold`);
    });

  registerDropWatch(drop);
}
