import { selectedAdapters } from './harness.js';
import { inventoryContract } from './contracts/inventory.contract.js';
import { quietOrderContract } from './contracts/quiet-order.contract.js';

for (const a of selectedAdapters()) {
  describe(a.name, () => {
    inventoryContract(a.make, a);
    quietOrderContract(a.make, a);
  });
}
