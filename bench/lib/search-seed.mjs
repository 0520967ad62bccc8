// bench/search's data: N products written by one bulk INSERT … SELECT (PostgreSQL
// generate_series, SQLite a recursive CTE), the engines' own search indexes filled as the rows
// go in (the tsvector column and GIN index, the FTS5 triggers), and the raw SQL baseline.
import { ROOT } from './harness.mjs';

const A = ['Tour', 'Vinyl', 'Crème', 'Night', 'Glow', 'Depot', 'Limited', 'Signed', 'Café', 'Summer', 'Winter',
  'Brûlée', 'Neon', 'Classic', 'Retro', 'Ocean', 'Forest', 'Golden', 'Silver', 'Midnight', 'Sunrise', 'Électrique',
  'Velvet', 'Paper', 'Canvas', 'Studio', 'Festival', 'Acoustic', 'Electric', 'Desert', 'Arctic', 'Urban', 'Garden',
  'Harbor', 'Cosmic', 'Lunar', 'Solar'];
const B = ['poster', 'hoodie', 'record', 'mug', 'tote', 'cap', 'scarf', 'print', 'sticker', 'badge', 'pin', 'lamp',
  'candle', 'stick', 'notebook', 'zine', 'tee', 'jacket', 'socks', 'bottle', 'blanket', 'pillow', 'towel', 'apron',
  'keyring', 'patch', 'lanyard', 'wristband', 'bandana', 'beanie', 'vest', 'shorts', 'umbrella', 'journal', 'card',
  'frame', 'puzzle', 'plushie', 'figurine', 'cassette', 'CD'];
const C = ['Numbered, signed on stage.', '180 g, first pressing.', 'Heavy cotton, screen printed by hand.', null,
  'Limited run for the tour.', 'Glows in the dark.', 'Printed in Lyon on recycled paper.', 'Crème colour, embroidered.',
  'Only at the venue.', 'Ships in a week.', 'A café collaboration.', 'Waterproof.'];
const CREATOR = "('bench_creator', 'bench_creator', 'Bench Creator', true, 'x', 0)";
const USER_COLUMNS = '(id, handle, display_name, is_creator, password_hash, created_at)';

export async function seedProducts(require, url, n) {
  if (url.startsWith('sqlite:')) {
    const Database = require('better-sqlite3');
    const db = new Database(url.slice('sqlite:'.length));
    db.prepare(`INSERT INTO users ${USER_COLUMNS} VALUES ${CREATOR}`).run();
    db.prepare(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
      INSERT INTO products (id, creator_id, title, description, price_cents, currency, created_at)
      SELECT printf('bench-%09d', i), 'bench_creator',
        json_extract(@a, '$[' || (i % ${A.length}) || ']') || ' ' || json_extract(@b, '$[' || ((i / ${A.length}) % ${B.length}) || ']') || ' ' || (i % 1000),
        json_extract(@c, '$[' || (i % ${C.length}) || ']'), 100 + i % 10000, 'EUR', 1700000000000 + i FROM n`)
      .run(n, { a: JSON.stringify(A), b: JSON.stringify(B), c: JSON.stringify(C) });
    db.close();
    return;
  }
  const pg = require('pg');
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`INSERT INTO users ${USER_COLUMNS} VALUES ${CREATOR}`);
    await c.query(`INSERT INTO products (id, creator_id, title, description, price_cents, currency, created_at)
      SELECT 'bench-' || lpad(i::text, 9, '0'), 'bench_creator',
        ($2::text[])[1 + i % ${A.length}] || ' ' || ($3::text[])[1 + (i / ${A.length}) % ${B.length}] || ' ' || (i % 1000)::text,
        ($4::text[])[1 + i % ${C.length}], 100 + i % 10000, 'EUR', 1700000000000 + i
      FROM generate_series(1, $1::int) i`, [n, A, B, C]);
    // Autovacuum's steady state: the GIN index's pending list merged, statistics current.
    await c.query('VACUUM ANALYZE products');
  } finally {
    await c.end();
  }
}

// The database's share of a search, without the HTTP layer or the use case. SQLite: the adapter's
// statements (sqlite-search.ts), one FTS5 walk per tier in rowid order. PostgreSQL: the adapter
// itself (pg-search.ts) on a pool of its own, since a search there is a short sequence of
// statements (word expansion, a window of the newest rows, the GIN index when that falls short).
const SQLITE_TIER = `SELECT p.*, p.rowid AS rank_at FROM products p WHERE p.rowid IN (SELECT rowid FROM products_fts
  WHERE products_fts MATCH @m AND rowid < @at ORDER BY rowid DESC LIMIT @n) ORDER BY p.rowid DESC`;

export async function sqlSearch(require, url) {
  const { searchTerms } = await import(`${ROOT}packages/core/dist/src/index.js`);
  let query;
  let close;
  if (url.startsWith('sqlite:')) {
    const Database = require('better-sqlite3');
    const db = new Database(url.slice('sqlite:'.length), { readonly: true });
    const stmt = db.prepare(SQLITE_TIER);
    query = async (terms) => {
      const q = terms.map((t, i) => `"${t}"${i === terms.length - 1 ? '*' : ''}`).join(' ');
      const tier = (m, n) => stmt.all({ m, at: Number.MAX_SAFE_INTEGER, n });
      const rows = tier(`title : (${q})`, 21);
      return rows.length < 21 ? [...rows, ...tier(`(${q}) NOT (title : (${q}))`, 21 - rows.length)] : rows;
    };
    close = async () => db.close();
  } else {
    const { PgSearchIndex } = await import(`${ROOT}packages/adapters/dist/src/postgres/pg-search.js`);
    const pool = new (require('pg').Pool)({ connectionString: url, max: 4 });
    const index = new PgSearchIndex(pool);
    query = (terms) => index.products({ terms }, { limit: 20 });
    close = () => pool.end();
  }
  return {
    close,
    /** Open loop at `rate`/s, latency from each query's due time (as bench/lib/paced.mjs does for HTTP). */
    async paced(queries, rate, duration) {
      const total = Math.round(rate * duration);
      const latencies = [];
      let errors = 0;
      const start = performance.now() + 20;
      await new Promise((resolve) => {
        let sent = 0;
        let done = 0;
        const timer = setInterval(() => {
          while (sent < total && start + (sent * 1000) / rate <= performance.now()) {
            const due = start + (sent * 1000) / rate;
            query(searchTerms(queries[sent % queries.length]))
              .then(() => latencies.push(performance.now() - due), () => errors++)
              .finally(() => ++done === total && (clearInterval(timer), resolve()));
            sent++;
          }
        }, 1);
      });
      latencies.sort((a, b) => a - b);
      const at = (p) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] * 100) / 100;
      return { rate, completed: latencies.length, errors, p50: at(50), p99: at(99), max: at(100) };
    },
  };
}
