import { selectedAdapters } from './harness.js';
import { streamTicketsContract } from '../src/testing/contracts/stream-tickets.contract.js';

for (const a of selectedAdapters()) describe(a.name, () => streamTicketsContract(a.make, a));
