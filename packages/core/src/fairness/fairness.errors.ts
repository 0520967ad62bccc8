import { DomainError } from '../shared/domain-error.js';

/** 403: outside the user's access window (followers-first) or not a winner of the draw. */
export class NotEligibleError extends DomainError {
  constructor(reason: 'followers_first' | 'not_a_winner') {
    const message =
      reason === 'followers_first'
        ? 'Only followers from before the drop was announced may take part yet'
        : 'Only the winners of the draw may order';
    super('not_eligible', message, { reason });
  }
}

/** 409: entering a draw (or queue) outside its entry window. */
export class EntriesClosedError extends DomainError {
  constructor() {
    super('entries_closed', 'Entries are not open');
  }
}

/** 403: an order on a waiting-room drop without a valid admission pass of its own. */
export class PassRequiredError extends DomainError {
  constructor() {
    super('pass_required', 'Ordering on this drop needs an admission pass from its waiting room');
  }
}
