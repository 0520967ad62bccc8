import { selectedAdapters } from './harness.js';
import { blobStoreContract } from '../src/testing/contracts/blob-store.contract.js';
import { rawQuery } from './postgres/pg-harness.js';

// memory: a Map; sqlite (file): the directory beside the database; sqlite (:memory:): a Map; postgres: bytea rows.
for (const a of selectedAdapters()) {
  const copies =
    a.family === 'postgres'
      ? async (key: string) => Number((await rawQuery('SELECT count(*) AS n FROM blobs WHERE key = ?', key))[0]!.n)
      : undefined;
  describe(a.name, () => blobStoreContract(a.make, { ...a, copies }));
}
