import { selectedAdapters } from './harness.js';
import { dropActivityContract } from './contracts/drop-activity.contract.js';

for (const a of selectedAdapters()) describe(a.name, () => dropActivityContract(a.make, a));
