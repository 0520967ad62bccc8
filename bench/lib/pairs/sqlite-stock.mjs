// SQLite stock rows: one conditional UPDATE per transaction through raw better-sqlite3
// (the floor), beside Inventory.reserve through the adapters' unit of work (group commit,
// 64 in flight), on WAL files with the adapters' pragmas, for the same time.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createSqliteAdapters, SystemClock } from '../../../packages/adapters/dist/src/index.js';
import { ROOT } from '../harness.mjs';
import { inFlightFor, seedDrop } from './stock-common.mjs';

const Database = createRequire(`${ROOT}packages/adapters/package.json`)('better-sqlite3');

function rawConditionalUpdates(file, seconds) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE stock (id INTEGER PRIMARY KEY, sold INTEGER NOT NULL, total INTEGER NOT NULL, CHECK (sold <= total))');
  db.prepare('INSERT INTO stock VALUES (1, 0, 1000000000)').run();
  const take = db.prepare('UPDATE stock SET sold = sold + 1 WHERE id = 1 AND sold + 1 <= total');
  const tx = db.transaction(() => take.run());
  const end = performance.now() + seconds * 1000;
  let n = 0;
  const t0 = performance.now();
  while (performance.now() < end) {
    tx.immediate();
    n++;
  }
  const rate = n / ((performance.now() - t0) / 1000);
  db.close();
  return rate;
}

export async function sqlitePairs({ duration, dir }) {
  const raw = rawConditionalUpdates(join(dir, 'raw.db'), duration);
  const data = await createSqliteAdapters({ filename: join(dir, 'stock.db'), clock: new SystemClock() });
  try {
    const { dropId, userId } = await seedDrop(data);
    const ours = await inFlightFor(64, duration, () => data.uow.run((tx) => tx.inventory.reserve({ dropId, userId, quantity: 1, perUserLimit: null })));
    return [{ group: 'SQLite', baseline: 'raw better-sqlite3 conditional UPDATE, 1 per tx', baselineOps: raw, subject: 'Inventory.reserve in a unit of work (group commit, 64 in flight)', ops: ours.rate, p99: ours.p99, unit: 'ops/s' }];
  } finally {
    await data.close();
  }
}
