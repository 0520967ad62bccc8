import { selectedAdapters } from './harness.js';
import { dropsContract } from '../src/testing/contracts/drops.contract.js';

for (const a of selectedAdapters()) describe(a.name, () => dropsContract(a.make, a));
