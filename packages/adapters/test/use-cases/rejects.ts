import type { DomainError } from '@livedrops/core';

/** The domain error a call rejects with; fails the test when it resolves. */
export async function rejects(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('expected a rejection');
}
