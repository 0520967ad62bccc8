// bench/storm's after-run check, read straight from the database: sold equals the order rows, never above total.
import { createRequire } from 'node:module';
import { ROOT } from '../harness.mjs';

const require = createRequire(`${ROOT}packages/adapters/package.json`);
const SQL = `SELECT d.sold AS sold, d.total AS total, (SELECT COALESCE(SUM(quantity), 0) FROM orders o WHERE o.drop_id = d.id) AS rows
  FROM drops d WHERE d.id = $1`;

/** `{ sold, total, rows, ok }` of one drop on a `postgres://` or `sqlite:` database. */
export async function checkDrop(databaseUrl, dropId) {
  let r;
  if (databaseUrl.startsWith('postgres')) {
    const pg = require('pg');
    const c = new pg.Client({ connectionString: databaseUrl });
    await c.connect();
    try {
      r = (await c.query(SQL, [dropId])).rows[0];
    } finally {
      await c.end();
    }
  } else {
    const Database = require('better-sqlite3');
    const db = new Database(databaseUrl.slice('sqlite:'.length), { readonly: true });
    try {
      r = db.prepare(SQL.replace('$1', '?')).get(dropId);
    } finally {
      db.close();
    }
  }
  const [sold, total, rows] = [Number(r.sold), Number(r.total), Number(r.rows)];
  return { sold, total, rows, ok: sold === rows && sold <= total };
}
