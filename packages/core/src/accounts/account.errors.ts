import { DomainError } from '../shared/domain-error.js';

export class HandleTakenError extends DomainError {
  constructor(handle: string) {
    super('handle_taken', `The handle "${handle}" is already taken`);
  }
}
