import { MemoryQueueLine } from '../src/memory/memory-queue-line.js';
import { RedisQueueLine } from '../src/redis/redis-queue-line.js';
import { SystemClock } from '../src/system/clocks.js';
import { queueLineContract } from '../src/testing/contracts/queue-line.contract.js';
import { redisSuites, redisUnderTest } from './services/redis-test.js';

describe('queue line: in this process', () =>
  queueLineContract(async () => ({ line: new MemoryQueueLine(new SystemClock()), close: async () => undefined })));

(redisSuites ? describe : describe.skip)('queue line: Redis sorted sets', () =>
  queueLineContract(async () => {
    const r = await redisUnderTest();
    return { line: new RedisQueueLine(r.redis), close: r.close };
  }),
);
