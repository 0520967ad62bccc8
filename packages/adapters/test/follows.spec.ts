import { selectedAdapters } from './harness.js';
import { followsContract } from '../src/testing/contracts/follows.contract.js';

for (const a of selectedAdapters()) describe(a.name, () => followsContract(a.make, a));
