import type { Command } from 'commander';
import { shuffleProblem, type PublishedShuffle } from '@livedrops/core';
import { resolveCtx, type Ctx } from '../context.js';
import { CliError } from '../errors.js';
import { EXIT } from '../exit-codes.js';
import { example } from '../output.js';

interface FairnessJson extends Partial<Omit<PublishedShuffle, 'seed'>> {
  commitment: string;
  algorithm: string;
  seed: string | null;
}

/** `draw enter|verify`: entering a draw, and checking any drop's shuffle from its public record alone. */
export function registerDrawCommands(program: Command): void {
  const draw = program.command('draw').description('Draws: enter before the close; verify the drawn order afterwards');
  draw
    .command('enter <dropId>')
    .description("Enter a drop's draw (one entry per person; fine if you already entered)")
    .addHelpText(
      'after',
      '\nAt the close you get draw.won (with a hold to pay on pay drops) or draw.lost.\n' +
        example('livedrops draw enter 0193a2b4-…'),
    )
    .action(async (dropId: string, _opts: unknown, cmd: Command) => {
      const ctx = resolveCtx(cmd);
      const r = await ctx.api.request<{ entryId: string; enteredAt: string }>(
        'POST',
        `/v1/drops/${encodeURIComponent(dropId)}/entries`,
        { auth: true },
      );
      const created = r.status === 201;
      if (ctx.out.json) return ctx.out.printJson({ ...r.body, dropId, created });
      ctx.out.note(
        created
          ? `Entered the draw of drop ${dropId}`
          : `Already entered the draw of drop ${dropId} (at ${r.body.enteredAt})`,
      );
    });
  draw
    .command('verify <dropId>')
    .description(
      "Recompute a draw's (or a queue's) shuffled order from its public record; exit 0 if it matches, 1 if not",
    )
    .addHelpText(
      'after',
      `
Reads GET /v1/drops/{id}/fairness only (no login) and checks, as docs/fair-access.md specifies:
the seed hashes to the commitment published at creation, the entries hash to entriesDigest, and
the Fisher–Yates shuffle driven by HMAC-SHA256(seed, counter) of the entries is the published order.
${example('livedrops draw verify 0193a2b4-… && echo fair')}`,
    )
    .action(async (dropId: string, _opts: unknown, cmd: Command) => {
      const ctx = resolveCtx(cmd);
      const fair = (await ctx.api.request<FairnessJson>('GET', `/v1/drops/${encodeURIComponent(dropId)}/fairness`))
        .body;
      report(ctx, dropId, fair, await verdict(fair));
    });
}

async function verdict(fair: FairnessJson): Promise<string | null> {
  if (fair.seed === null) return 'not shuffled yet: the seed is not revealed';
  const { commitment, seed, entries, entriesDigest, order } = fair;
  if (!entries || !entriesDigest || !order) return 'the record has no entries, entriesDigest or order';
  // Loaded here: every other command would pay for the adapters' drivers at start-up.
  const { NodeFairnessCrypto } = await import('@livedrops/adapters');
  return shuffleProblem(new NodeFairnessCrypto(), { commitment, seed, entries, entriesDigest, order });
}

function report(ctx: Ctx, dropId: string, fair: FairnessJson, problem: string | null): void {
  const entries = fair.entries?.length ?? 0;
  if (ctx.out.json)
    ctx.out.printJson({ dropId, verified: problem === null, problem, entries, commitment: fair.commitment });
  else if (problem === null)
    ctx.out.line(`verified: the order of ${entries} entries is what the committed seed makes of them`);
  if (problem === null) return;
  const err = new CliError(`not verified: ${problem}`, EXIT.failure);
  err.reported = ctx.out.json;
  throw err;
}
