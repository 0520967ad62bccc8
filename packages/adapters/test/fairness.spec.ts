import { selectedAdapters } from './harness.js';
import { fairnessContract } from '../src/testing/contracts/fairness.contract.js';

for (const a of selectedAdapters()) describe(a.name, () => fairnessContract(a.make));
