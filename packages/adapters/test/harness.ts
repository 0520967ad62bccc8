import { mkdtempSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createMemoryAdapters } from '../src/memory/create-memory-adapters.js';
import { createSqliteAdapters, migrateSqlite } from '../src/sqlite/create-sqlite-adapters.js';
import { FakeClock } from '../src/system/clocks.js';
import { memoryRawState, sqlRawState } from '../src/testing/contracts/raw-state.js';
import type { AdapterUnderTest, Harness } from '../src/testing/harness.js';
import { postgresUnderTest } from './postgres/pg-harness.js';

export type { RawState } from '../src/testing/contracts/raw-state.js';
export {
  group,
  useHarness,
  type AdapterUnderTest,
  type ContractGroup,
  type ContractOptions,
  type Harness,
} from '../src/testing/harness.js';

const dir = mkdtempSync(join(tmpdir(), 'livedrops-contracts-'));
const removeDir = () => rmSync(dir, { recursive: true, force: true });
// A root-level hook (this module loads before any suite runs), and the exit event as a backstop.
after(removeDir);
process.on('exit', removeDir);
let files = 0;
let template: Promise<string> | undefined;

/** Migrating once and copying the file keeps a fresh database per test cheap. */
function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const file = join(dir, 'template.db');
    await migrateSqlite(file); // closes its connection, which checkpoints the WAL into the file
    return file;
  })();
  return template;
}

async function sqliteFile(): Promise<Harness> {
  const file = join(dir, `t${++files}.db`);
  copyFileSync(await migratedTemplate(), file);
  const clock = new FakeClock();
  const ports = await createSqliteAdapters({ filename: file, clock });
  // A second connection: it sees only what was committed, as another process would.
  const reader = new Database(file, { readonly: true });
  return {
    ports,
    clock,
    raw: sqlRawState(async (sql, ...params) => reader.prepare(sql).all(...params) as Record<string, unknown>[]),
    async close() {
      reader.close();
      await ports.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    },
  };
}

async function sqliteMemory(): Promise<Harness> {
  const clock = new FakeClock();
  const ports = await createSqliteAdapters({ filename: ':memory:', clock });
  // `:memory:` has no second connection; raw SQL on the engine's knex still bypasses the repositories.
  return {
    ports,
    clock,
    raw: sqlRawState(
      async (sql, ...params) => (await ports.knex.raw(sql, params as readonly string[])) as Record<string, unknown>[],
    ),
    close: () => ports.close(),
  };
}

async function memory(): Promise<Harness> {
  const clock = new FakeClock();
  const ports = createMemoryAdapters({ clock });
  return { ports, clock, raw: memoryRawState(ports.store), close: () => ports.close() };
}

const wanted =
  process.env.ADAPTERS?.split(',')
    .map((s) => s.trim())
    .filter(Boolean) ?? [];

const ALL: AdapterUnderTest[] = [
  { name: 'memory', family: 'memory', make: memory, skip: new Set(['isolation']) },
  { name: 'sqlite (file, WAL)', family: 'sqlite', make: sqliteFile },
  { name: 'sqlite (:memory:)', family: 'sqlite', make: sqliteMemory },
  // A fresh database per run (test/postgres/pg-harness.ts); present only when the server answers, or under CI.
  ...(await postgresUnderTest(wanted)),
];

/** Every adapter, or those ADAPTERS=memory,sqlite names (knex's DB matrix style). */
export function selectedAdapters(): AdapterUnderTest[] {
  return ALL.filter((a) => wanted.length === 0 || wanted.includes(a.family));
}

/** `describe` for an engine's own specs, skipped when ADAPTERS leaves that engine out. */
export function describeEngine(family: AdapterUnderTest['family']): Mocha.SuiteFunction | Mocha.PendingSuiteFunction {
  return wanted.length === 0 || wanted.includes(family) ? describe : describe.skip;
}
