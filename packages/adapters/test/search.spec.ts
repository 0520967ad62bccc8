import { selectedAdapters } from './harness.js';
import { searchContract } from './contracts/search.contract.js';

for (const a of selectedAdapters()) describe(a.name, () => searchContract(a.make, a));
