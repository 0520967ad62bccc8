import { selectedAdapters } from './harness.js';
import { searchContract } from '../src/testing/contracts/search.contract.js';

for (const a of selectedAdapters()) describe(a.name, () => searchContract(a.make, a));
