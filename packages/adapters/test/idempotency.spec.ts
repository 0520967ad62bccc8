import { selectedAdapters } from './harness.js';
import { idempotencyContract } from '../src/testing/contracts/idempotency.contract.js';

for (const a of selectedAdapters()) describe(a.name, () => idempotencyContract(a.make, a));
