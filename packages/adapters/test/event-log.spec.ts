import { selectedAdapters } from './harness.js';
import { eventLogContract } from '../src/testing/contracts/event-log.contract.js';

for (const a of selectedAdapters()) describe(a.name, () => eventLogContract(a.make, a));
