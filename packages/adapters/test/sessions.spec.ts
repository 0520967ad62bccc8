import { selectedAdapters } from './harness.js';
import { sessionsContract } from './contracts/sessions.contract.js';

for (const a of selectedAdapters()) describe(a.name, () => sessionsContract(a.make, a));
