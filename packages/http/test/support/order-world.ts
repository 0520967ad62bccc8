import { register, type Account } from './fixtures.js';
import { startTestServer, type TestServer } from './harness.js';

/** What the order specs share: a server, a creator, a buyer and a rival (handles from `prefix`). */
export interface OrderWorld {
  t: TestServer;
  creator: Account;
  buyer: Account;
  rival: Account;
  /** A drop's `stock.available` as the API reads it now. */
  available(dropId: string): Promise<number>;
}

/** Starts the server and registers the three accounts before the suite's tests; closes it after them. */
export function useOrderWorld(prefix: string): OrderWorld {
  const w = {
    available: async (dropId: string): Promise<number> =>
      (await w.t.client.get(`/v1/drops/${dropId}`)).json.stock.available,
  } as OrderWorld;
  before(async () => {
    w.t = await startTestServer();
    [w.creator, w.buyer, w.rival] = await Promise.all([
      register(w.t.client, `${prefix}seller`, true),
      register(w.t.client, `${prefix}buyer`),
      register(w.t.client, `${prefix}rival`),
    ]);
  });
  after(() => w.t.close());
  return w;
}
