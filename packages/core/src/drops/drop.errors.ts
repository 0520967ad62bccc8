import { DomainError } from '../shared/domain-error.js';
import type { DropStatus } from './drop.js';

export class DropNotLiveError extends DomainError {
  constructor(status: DropStatus) {
    // `dropStatus`, not `status`: the problem document's `status` is the HTTP status.
    super('drop_not_live', `The drop is ${status}, not live`, { dropStatus: status });
  }
}
