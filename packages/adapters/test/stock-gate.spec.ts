import { stockGateContract } from '../src/testing/contracts/stock-gate.contract.js';
import { gateAdapters } from './infrastructure-harness.js';

for (const a of gateAdapters()) describe(a.name, () => stockGateContract(a));
