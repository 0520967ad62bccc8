import type { Command } from 'commander';
import { resolveCtx } from '../context.js';
import { DROP_HEADERS, dropRow, type DropJson } from '../drop-format.js';
import { fetchList, pagingOptions, printList, type ListFlags } from '../listing.js';
import { formatMoney } from '../money.js';
import { example } from '../output.js';
import type { ProductJson } from './product.command.js';

export function registerSearchCommand(program: Command): void {
  pagingOptions(
    program
      .command('search <query...>')
      .description('Find products (or, with --drops, drops) by words of their title and description')
      .option('--drops', 'find drops of the matching products instead of the products'),
  )
    .addHelpText('after', example('livedrops search creme brul', 'livedrops search tour poster --drops --json'))
    .action(async (words: string[], opts: ListFlags & { drops?: boolean }, cmd: Command) => {
      const ctx = resolveCtx(cmd);
      const query = { q: words.join(' '), type: opts.drops ? 'drops' : 'products' };
      const flags = { q: '<query>' };
      if (opts.drops) {
        const list = await fetchList<DropJson>(ctx, '/v1/search', opts, { query, flags });
        const now = Date.now();
        printList(ctx, list, 'no matching drops', (items) =>
          ctx.out.table(
            DROP_HEADERS,
            items.map((d) => dropRow(ctx.out.c, d, now)),
          ),
        );
        return;
      }
      const list = await fetchList<ProductJson>(ctx, '/v1/search', opts, { query, flags });
      const row = (p: ProductJson): string[] => [
        p.id,
        p.title,
        formatMoney(p.priceCents, p.currency),
        p.image ? 'yes' : '',
      ];
      printList(ctx, list, 'no matching products', (items) =>
        ctx.out.table(['ID', 'TITLE', 'PRICE', 'IMAGE'], items.map(row)),
      );
    });
}
