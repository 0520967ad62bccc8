import type { Command } from 'commander';
import { currentUser, listLimit, resolveCtx, type Ctx } from '../context.js';
import { UsageError } from '../errors.js';
import { formatMoney, parsePrice } from '../money.js';
import { example } from '../output.js';

export interface ProductJson {
  id: string;
  creatorId: string;
  title: string;
  description: string | null;
  priceCents: number;
  currency: string;
  createdAt: string;
}

function show(ctx: Ctx, p: ProductJson): void {
  if (ctx.out.json) return ctx.out.printJson(p);
  const { c } = ctx.out;
  ctx.out.line(`${c.bold(p.title)}  ${formatMoney(p.priceCents, p.currency)}`);
  ctx.out.line(`${c.dim('id')}       ${p.id}`);
  if (p.description) ctx.out.line(`${c.dim('about')}    ${p.description}`);
  ctx.out.line(`${c.dim('created')}  ${p.createdAt}`);
}

export function registerProductCommands(program: Command): void {
  const product = program.command('product').description('Your catalog: create, list and update products');

  product
    .command('create')
    .description('Create a product (creators only)')
    .requiredOption('--title <title>', 'what it is called (1-200 characters)')
    .requiredOption('--price <amount>', 'decimal price, e.g. 49.99 (at most two decimals)')
    .option('--currency <code>', 'ISO 4217, upper case', 'USD')
    .option('--description <text>', 'up to 5000 characters')
    .addHelpText('after', example('livedrops product create --title "Tour poster" --price 49.99 --currency EUR'))
    .action(async (opts: { title: string; price: string; currency: string; description?: string }, cmd: Command) => {
      const priceCents = parsePrice(opts.price);
      if (!/^[A-Z]{3}$/.test(opts.currency)) throw new UsageError(`invalid --currency "${opts.currency}": expected an upper-case ISO 4217 code like EUR`);
      const ctx = resolveCtx(cmd);
      const body = { title: opts.title, priceCents, currency: opts.currency, description: opts.description };
      show(ctx, await ctx.api.send<ProductJson>('POST', '/v1/products', body));
    });

  product
    .command('list')
    .description('List products, newest first')
    .option('--mine', 'only your products')
    .option('--creator <id>', "only this creator's products")
    .option('--limit <n>', 'how many to show', '20')
    .addHelpText('after', example('livedrops product list --mine', 'livedrops product list --creator 0193a2b4-… --json'))
    .action(async (opts: { mine?: boolean; creator?: string; limit: string }, cmd: Command) => {
      if (opts.mine && opts.creator) throw new UsageError('use --mine or --creator, not both');
      const max = listLimit(opts.limit);
      const ctx = resolveCtx(cmd);
      const creatorId = opts.mine ? (await currentUser(ctx)).id : opts.creator;
      const items = await ctx.api.list<ProductJson>('/v1/products', { query: { creatorId }, max });
      if (ctx.out.json) return ctx.out.printJson(items);
      if (!items.length) return ctx.out.note('no products');
      ctx.out.table(['ID', 'TITLE', 'PRICE', 'CREATED'], items.map((p) => [p.id, p.title, formatMoney(p.priceCents, p.currency), p.createdAt]));
    });

  product
    .command('update <id>')
    .description('Change the title, price or description of one of your products (existing drops keep their price)')
    .option('--title <title>', 'new title')
    .option('--price <amount>', 'new decimal price, e.g. 39.90')
    .option('--description <text>', 'new description ("" clears it)')
    .addHelpText('after', example('livedrops product update 0193a2b4-… --price 39.90'))
    .action(async (id: string, opts: { title?: string; price?: string; description?: string }, cmd: Command) => {
      const patch: Record<string, unknown> = {};
      if (opts.title !== undefined) patch.title = opts.title;
      if (opts.price !== undefined) patch.priceCents = parsePrice(opts.price);
      if (opts.description !== undefined) patch.description = opts.description === '' ? null : opts.description;
      if (!Object.keys(patch).length) throw new UsageError('nothing to update: give --title, --price or --description');
      const ctx = resolveCtx(cmd);
      show(ctx, await ctx.api.send<ProductJson>('PATCH', `/v1/products/${encodeURIComponent(id)}`, patch));
    });
}
