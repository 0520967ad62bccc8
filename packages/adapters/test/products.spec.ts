import { selectedAdapters } from './harness.js';
import { productsContract } from '../src/testing/contracts/products.contract.js';

for (const a of selectedAdapters()) describe(a.name, () => productsContract(a.make, a));
