import { selectedAdapters } from './harness.js';
import { eventLogContract } from './contracts/event-log.contract.js';

for (const a of selectedAdapters()) describe(a.name, () => eventLogContract(a.make, a));
