import { selectedAdapters } from './harness.js';
import { sessionsContract } from '../src/testing/contracts/sessions.contract.js';

for (const a of selectedAdapters()) describe(a.name, () => sessionsContract(a.make, a));
