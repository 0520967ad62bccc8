import type { Command } from 'commander';
import { parseDuration, parseInstant } from '../duration.js';
import { UsageError } from '../errors.js';

export interface AccessOpts {
  queue?: boolean;
  draw?: boolean;
  entriesOpen?: string;
  entriesClose?: string;
  followersFirst?: string;
}

/** The API fields of fair access and the flags that set them (for messages naming flags). */
export const ACCESS_FLAGS: Record<string, string> = {
  access: '--queue/--draw',
  entriesOpenAt: '--entries-open',
  entriesCloseAt: '--entries-close',
  followersFirstUntil: '--followers-first',
};

/** `drop schedule`'s fair-access flags. */
export function accessOptions(cmd: Command): Command {
  return cmd
    .option('--queue', 'a waiting room: buyers are admitted against the stock (early joiners shuffled at the start)')
    .option('--draw', 'a draw: users enter between --entries-open and --entries-close; winners are drawn at the close')
    .option('--entries-open <when>', 'draws: when entries open, an ISO time or a duration from now (e.g. 0s… 10m)')
    .option('--entries-close <when>', 'draws: when entries close and winners are drawn (ISO time or duration from now)')
    .option(
      '--followers-first <duration>',
      'for this long after the start only your followers from before now take part, e.g. 10m',
    );
}

/** An ISO time, or a duration counted from now ("0s" means now). */
function when(text: string, flag: string, now: number): number {
  if (text === '0s' || text === '0') return now;
  return /^\d/.test(text) && !text.includes('T') ? now + parseDuration(text, flag) : parseInstant(text, flag);
}

/** The flags as the API's `access`, the entry window and `followersFirstUntil`. */
export function accessBody(o: AccessOpts, startsAt: number, now: number): Record<string, string> {
  if (o.queue && o.draw) throw new UsageError('give at most one of --queue and --draw');
  if (!o.draw && (o.entriesOpen !== undefined || o.entriesClose !== undefined)) {
    throw new UsageError('--entries-open and --entries-close need --draw');
  }
  if (o.draw && (o.entriesOpen === undefined || o.entriesClose === undefined)) {
    throw new UsageError('--draw needs --entries-open and --entries-close');
  }
  const body: Record<string, string> = {};
  if (o.queue) body.access = 'queue';
  if (o.draw) {
    body.access = 'draw';
    body.entriesOpenAt = new Date(when(o.entriesOpen!, '--entries-open', now)).toISOString();
    body.entriesCloseAt = new Date(when(o.entriesClose!, '--entries-close', now)).toISOString();
  }
  if (o.followersFirst !== undefined) {
    body.followersFirstUntil = new Date(startsAt + parseDuration(o.followersFirst, '--followers-first')).toISOString();
  }
  return body;
}
