import { selectedAdapters } from './harness.js';
import { dropActivityContract } from '../src/testing/contracts/drop-activity.contract.js';

for (const a of selectedAdapters()) describe(a.name, () => dropActivityContract(a.make, a));
