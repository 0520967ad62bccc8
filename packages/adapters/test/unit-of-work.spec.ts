import { selectedAdapters } from './harness.js';
import { unitOfWorkContract } from '../src/testing/contracts/unit-of-work.contract.js';

for (const a of selectedAdapters()) describe(a.name, () => unitOfWorkContract(a.make, a));
