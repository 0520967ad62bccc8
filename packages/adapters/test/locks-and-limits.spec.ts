import { idempotencyLockContract } from '../src/testing/contracts/idempotency-lock.contract.js';
import { rateLimiterContract } from '../src/testing/contracts/rate-limiter.contract.js';
import { limiterAdapters, lockAdapters } from './infrastructure-harness.js';

for (const a of lockAdapters()) describe(a.name, () => idempotencyLockContract(a.make));
for (const a of limiterAdapters()) describe(a.name, () => rateLimiterContract(a.make));
