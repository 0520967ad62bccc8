import { selectedAdapters } from './harness.js';
import { usersContract } from '../src/testing/contracts/users.contract.js';

for (const a of selectedAdapters()) describe(a.name, () => usersContract(a.make, a));
