import type { Command } from 'commander';
import { resolveCtx, type Ctx } from '../context.js';
import { creatorFilter, handlesOf } from '../creators.js';
import { UsageError, withFlags } from '../errors.js';
import { fetchList, pagingOptions, printList, type ListFlags } from '../listing.js';
import { formatMoney, parseCurrency, parsePrice } from '../money.js';
import { example } from '../output.js';
import { readImageFile } from '../image-file.js';

const PRODUCT_FLAGS = { title: '--title', description: '--description', priceCents: '--price', currency: '--currency' };

export interface ProductJson {
  id: string;
  creatorId: string;
  title: string;
  description: string | null;
  priceCents: number;
  currency: string;
  createdAt: string;
  image?: { url: string; width: number; height: number; variants: Record<string, string> } | null;
}

function show(ctx: Ctx, p: ProductJson): void {
  if (ctx.out.json) return ctx.out.printJson(p);
  const { c } = ctx.out;
  ctx.out.line(`${c.bold(p.title)}  ${formatMoney(p.priceCents, p.currency)}`);
  ctx.out.line(`${c.dim('id')}       ${p.id}`);
  if (p.description) ctx.out.line(`${c.dim('about')}    ${p.description}`);
  if (p.image)
    ctx.out.line(
      `${c.dim('image')}    ${ctx.api.url(p.image.url.replace(/^\//, ''))} (${p.image.width}x${p.image.height})`,
    );
  ctx.out.line(`${c.dim('created')}  ${p.createdAt}`);
}

export function registerProductCommands(program: Command): void {
  const product = program.command('product').description('Your catalog: create, list and update products');

  product
    .command('create')
    .description('Create a product (creators only)')
    .requiredOption('--title <title>', 'what it is called (1-200 characters)')
    .requiredOption('--price <amount>', "decimal price in the currency's units, e.g. 49.99, .5, or 1500 for JPY")
    .option('--currency <code>', 'ISO 4217 code, any case (eur is EUR)', 'USD')
    .option('--description <text>', 'up to 5000 characters')
    .addHelpText(
      'after',
      example(
        'livedrops product create --title "Tour poster" --price 49.99 --currency EUR',
        'livedrops product create --title "Tenugui" --price 1500 --currency jpy',
      ),
    )
    .action(async (opts: { title: string; price: string; currency: string; description?: string }, cmd: Command) => {
      const currency = parseCurrency(opts.currency);
      const priceCents = parsePrice(opts.price, currency);
      const ctx = resolveCtx(cmd);
      const body = { title: opts.title, priceCents, currency, description: opts.description };
      show(ctx, await withFlags(ctx.api.send<ProductJson>('POST', '/v1/products', body), PRODUCT_FLAGS));
    });

  pagingOptions(
    product
      .command('list')
      .description('List products, newest first')
      .option('--mine', 'only your products')
      .option('--creator <handle>', "only this creator's products (a handle, or an id)"),
  )
    .addHelpText('after', example('livedrops product list --mine', 'livedrops product list --creator ada --json'))
    .action(async (opts: ListFlags & { mine?: boolean; creator?: string }, cmd: Command) => {
      const ctx = resolveCtx(cmd);
      const creatorId = await creatorFilter(ctx, opts);
      const list = await fetchList<ProductJson>(ctx, '/v1/products', opts, {
        query: { creatorId },
        flags: { creatorId: '--creator' },
      });
      const handles = ctx.out.json
        ? new Map<string, string>()
        : await handlesOf(
            ctx,
            list.items.map((p) => p.creatorId),
          );
      const row = (p: ProductJson): string[] => [
        p.id,
        p.title,
        handles.get(p.creatorId) ?? p.creatorId,
        formatMoney(p.priceCents, p.currency),
        p.createdAt,
      ];
      printList(ctx, list, 'no products', (items) =>
        ctx.out.table(['ID', 'TITLE', 'CREATOR', 'PRICE', 'CREATED'], items.map(row)),
      );
    });

  product
    .command('update <id>')
    .description('Change the title, price or description of one of your products (existing drops keep their price)')
    .option('--title <title>', 'new title')
    .option('--price <amount>', "new decimal price in the product's currency, e.g. 39.90")
    .option('--description <text>', 'new description ("" clears it)')
    .addHelpText('after', example('livedrops product update 0193a2b4-… --price 39.90'))
    .action(async (id: string, opts: { title?: string; price?: string; description?: string }, cmd: Command) => {
      if (opts.title === undefined && opts.price === undefined && opts.description === undefined) {
        throw new UsageError('nothing to update: give --title, --price or --description');
      }
      const ctx = resolveCtx(cmd);
      const path = `/v1/products/${encodeURIComponent(id)}`;
      const patch: Record<string, unknown> = {};
      if (opts.title !== undefined) patch.title = opts.title;
      // A price is read in the product's own currency (JPY has no decimals), so ask which it is.
      if (opts.price !== undefined)
        patch.priceCents = parsePrice(opts.price, (await ctx.api.get<ProductJson>(path)).currency);
      if (opts.description !== undefined) patch.description = opts.description === '' ? null : opts.description;
      show(ctx, await withFlags(ctx.api.send<ProductJson>('PATCH', path, patch), PRODUCT_FLAGS));
    });

  product
    .command('image <id> <file>')
    .description("Upload a product's image: JPEG, PNG or WebP, up to 5 MiB and 8000x8000 (metadata is stripped)")
    .addHelpText('after', example('livedrops product image 0193a2b4-… poster.jpg'))
    .action(async (id: string, file: string, _opts: unknown, cmd: Command) => {
      const ctx = resolveCtx(cmd);
      const raw = await readImageFile(file);
      show(
        ctx,
        await ctx.api.send<ProductJson>('PUT', `/v1/products/${encodeURIComponent(id)}/image`, undefined, { raw }),
      );
    });
}
