import { ApiError, messageOf } from './api.js';

/** What the order path's refusals mean to a fan (the API's codes, api.md). */
const REFUSALS: Record<string, string> = {
  sold_out: 'Sold out: every unit has gone.',
  insufficient_stock: 'Not that many left.',
  purchase_limit_exceeded: 'That would pass the limit per person for this drop.',
  drop_not_live: 'The drop is not open for orders.',
  pass_required: 'This drop has a waiting room: join it, and buy once you are let in.',
};

/** A refusal in words; `not_eligible` says which rule keeps the person out (api.md, Fair access). */
export function refusalText(e: unknown): string {
  if (!(e instanceof ApiError)) return messageOf(e);
  const { code, reason } = e.problem;
  if (code === 'not_eligible') {
    return reason === 'not_a_winner'
      ? 'Only the winners of the draw can buy this drop.'
      : 'Not yet: only fans who followed the creator before this drop was announced can take part for now.';
  }
  return REFUSALS[code] ?? e.message;
}

