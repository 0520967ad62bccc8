import { selectedAdapters } from './harness.js';
import { inventoryContract } from './contracts/inventory.contract.js';

for (const a of selectedAdapters()) describe(a.name, () => inventoryContract(a.make, a));
