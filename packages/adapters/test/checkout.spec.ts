import { selectedAdapters } from './harness.js';
import { holdsContract } from './contracts/holds.contract.js';
import { paymentsContract } from './contracts/payments.contract.js';
import { waitlistContract } from './contracts/waitlist.contract.js';

for (const a of selectedAdapters()) {
  describe(a.name, () => {
    holdsContract(a.make, a);
    paymentsContract(a.make, a);
    waitlistContract(a.make, a);
  });
}
