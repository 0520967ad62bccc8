import { selectedAdapters } from './harness.js';
import { inventoryContract } from '../src/testing/contracts/inventory.contract.js';
import { orderBookContract } from '../src/testing/contracts/order-book.contract.js';

for (const a of selectedAdapters()) {
  describe(a.name, () => {
    inventoryContract(a.make, a);
    orderBookContract(a.make, a);
  });
}
