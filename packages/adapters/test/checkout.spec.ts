import { selectedAdapters } from './harness.js';
import { holdsContract } from '../src/testing/contracts/holds.contract.js';
import { paymentsContract } from '../src/testing/contracts/payments.contract.js';
import { waitlistContract } from '../src/testing/contracts/waitlist.contract.js';

for (const a of selectedAdapters()) {
  describe(a.name, () => {
    holdsContract(a.make, a);
    paymentsContract(a.make, a);
    waitlistContract(a.make, a);
  });
}
