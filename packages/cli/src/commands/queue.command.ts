import type { Command } from 'commander';
import { resolveCtx, type Ctx } from '../context.js';
import { CliError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { formatDuration } from '../duration.js';
import { example } from '../output.js';

interface QueuePlace {
  state: 'waiting' | 'admitted' | 'closed';
  position: number | null;
  etaSeconds: number | null;
  pass?: string;
  passExpiresAt?: string;
}

const POLL_MS = 1000;

/** `queue join`: into a drop's waiting room, then position and ETA as they change, until the pass (or the close). */
export function registerQueueCommands(program: Command): void {
  const queue = program.command('queue').description("Waiting rooms: wait your turn for a drop's stock");
  queue
    .command('join <dropId>')
    .description('Join the waiting room of a drop and wait for your pass (fine if you already joined)')
    .option('--no-wait', 'join and print your place, without waiting for the pass')
    .addHelpText(
      'after',
      `
Shows your position and the estimated wait as they change, then the pass to order with
(\`livedrops order place DROP --pass PASS\`), or that the drop sold out while you waited.
Joining before the start gives no advantage: everyone who joined by then is shuffled at the start.
${example('livedrops queue join 0193a2b4-…')}`,
    )
    .action(async (dropId: string, opts: { wait: boolean }, cmd: Command) => {
      const ctx = resolveCtx(cmd);
      const path = `/v1/drops/${encodeURIComponent(dropId)}/queue`;
      let place = (await ctx.api.request<QueuePlace>('POST', path, { auth: true })).body;
      let shown = '';
      for (;;) {
        const text = describe(place);
        if (!ctx.out.json && text !== shown) ctx.out.note((shown = text));
        if (place.state !== 'waiting' || !opts.wait) break;
        await new Promise((r) => setTimeout(r, POLL_MS));
        place = (await ctx.api.request<QueuePlace>('GET', path, { auth: true })).body;
      }
      finish(ctx, dropId, place);
    });
}

function describe(p: QueuePlace): string {
  if (p.state === 'admitted') return `admitted: your pass is valid until ${p.passExpiresAt}`;
  if (p.state === 'closed') return 'the drop sold out while you waited';
  if (p.position === null) return 'waiting for the start: everyone in line by then is shuffled';
  return `position ${p.position}${p.etaSeconds === null ? '' : `, about ${formatDuration(p.etaSeconds * 1000)} to go`}`;
}

function finish(ctx: Ctx, dropId: string, p: QueuePlace): void {
  if (ctx.out.json) ctx.out.printJson({ dropId, ...p });
  else if (p.pass) ctx.out.line(p.pass);
  if (p.state === 'closed') {
    const err = new CliError('the drop sold out while you waited', EXIT.conflict);
    err.reported = ctx.out.json;
    throw err;
  }
}
