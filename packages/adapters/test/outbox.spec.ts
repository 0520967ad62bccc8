import { selectedAdapters } from './harness.js';
import { outboxContract } from './contracts/outbox.contract.js';

for (const a of selectedAdapters()) describe(a.name, () => outboxContract(a.make, a));
