import { selectedAdapters } from './harness.js';
import { outboxContract } from '../src/testing/contracts/outbox.contract.js';

for (const a of selectedAdapters()) describe(a.name, () => outboxContract(a.make, a));
