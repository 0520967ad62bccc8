import type { DataAdapters } from '../data-ports.js';
import type { FakeClock } from '../system/clocks.js';
import type { RawState } from './contracts/raw-state.js';

/** One fresh adapter set for one test, plus an independent view of what it stored. */
export interface Harness {
  ports: DataAdapters;
  clock: FakeClock;
  /** Reads the engine's state without going through the adapter under test (next-auth style). */
  raw: RawState;
  close(): Promise<void>;
}

/**
 * Contract groups an adapter may opt out of, never by forking a suite: `concurrency` is
 * the storms of hundreds of overlapping calls; `isolation` is that a running unit of
 * work's writes stay invisible to readers outside it, which the memory engine (it
 * writes in place and undoes on failure) does not promise.
 */
export type ContractGroup = 'concurrency' | 'isolation';

export interface ContractOptions {
  skip?: ReadonlySet<ContractGroup> | undefined;
}

/** An engine's harness factory as a suite file lists it (the project's engines: test/harness.ts). */
export interface AdapterUnderTest {
  /** Shown in the test titles; `family` is what ADAPTERS=… selects. */
  name: string;
  family: 'memory' | 'sqlite' | 'postgres';
  make: () => Promise<Harness>;
  skip?: ReadonlySet<ContractGroup>;
}

/** `describe`, or nothing when the adapter opted out of the group. */
export function group(name: ContractGroup, opts: ContractOptions, fn: () => void): void {
  // An engine that cannot offer a group (memory writes in place, so it has no isolation)
  // declares it unsupported: the group is not registered for it at all, rather than skipped.
  if (opts.skip?.has(name)) return;
  describe(name, fn);
}

/** Registers mocha hooks that give each test a fresh harness; read `.h` inside tests. */
export function useHarness(make: () => Promise<Harness>): { h: Harness } {
  const ctx = {} as { h: Harness };
  beforeEach(async () => {
    ctx.h = await make();
  });
  afterEach(async () => {
    await ctx.h?.close();
  });
  return ctx;
}

/**
 * `it`, or nothing when the adapter lacks the capability. Like `group()`, a test that
 * cannot apply to an adapter is not registered for it (mocha counts no pending), which
 * needs the capability when the suite is declared: from the adapter's declaration.
 */
export function when(capable: boolean | undefined): (title: string, fn: Mocha.AsyncFunc) => void {
  return capable ? (title, fn) => void it(title, fn) : () => undefined;
}

/**
 * The declared capabilities must match the hooks the harness really offers: a hook left
 * undeclared would drop its tests silently, a declared one missing would fail obscurely.
 */
export function expectDeclared<H extends object>(
  caps: Partial<Record<keyof H, boolean>>,
  h: H,
  hooks: ReadonlyArray<keyof H & string>,
): void {
  for (const hook of hooks) {
    const offered = typeof h[hook] === 'function';
    const declared = Boolean(caps[hook]);
    if (offered !== declared) {
      throw new Error(
        `the harness ${offered ? 'offers' : 'lacks'} ${hook}() but the adapter declares ${hook}: ${declared}`,
      );
    }
  }
}
