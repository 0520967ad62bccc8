import { selectedAdapters } from './harness.js';
import { ordersContract } from '../src/testing/contracts/orders.contract.js';

for (const a of selectedAdapters()) describe(a.name, () => ordersContract(a.make, a));
