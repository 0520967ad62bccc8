import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@livedrops/adapters';
import { startServer, type ServerHandle } from '@livedrops/http';
import { runCli, type Run } from './cli-process.js';

/** A real API on 127.0.0.1, port 0, over a temporary SQLite file, inside the test process. */
export async function startApi(dir: string, file = 'api.db'): Promise<ServerHandle> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${join(dir, file)}`,
    LOG_LEVEL: 'silent',
  });
  return startServer(config, { drainTimeoutMs: 500 });
}

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'livedrops-cli-'));
export const removeDir = (dir: string): void => rmSync(dir, { recursive: true, force: true });

/**
 * A real API for the suite (its SQLite file in a temporary directory, which also holds each
 * Person's config home), started before its tests and removed after them.
 */
export function useApi(): { readonly dir: string; readonly api: ServerHandle } {
  const ctx = {} as { dir: string; api: ServerHandle };
  before(async () => {
    ctx.dir = tempDir();
    ctx.api = await startApi(ctx.dir);
  });
  after(async () => {
    await ctx.api.close();
    removeDir(ctx.dir);
  });
  return ctx;
}

/**
 * One terminal user: their own config home (so sessions never mix) and an environment
 * scrubbed of whatever the developer running the tests has set.
 */
export class Person {
  readonly home: string;
  constructor(
    root: string,
    name: string,
    readonly api: string,
  ) {
    this.home = join(root, `home-${name}`);
    mkdirSync(this.home, { recursive: true });
  }

  env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      XDG_CONFIG_HOME: this.home,
      LIVEDROPS_API: this.api,
      LIVEDROPS_TOKEN: '',
      NO_COLOR: '',
      TERM: 'xterm-256color',
      ...extra,
    };
  }

  run(args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
    return runCli(args, this.env(opts.env), 15_000, opts.input);
  }

  /** Runs with --json and parses stdout; fails loudly with stderr when the exit code is not 0. */
  async json<T = any>(args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<T> {
    const r = await this.run([...args, '--json'], opts);
    if (r.code !== 0) throw new Error(`livedrops ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return JSON.parse(r.stdout) as T;
  }

  /** A product of theirs and its drop of `stock` units, starting in an hour for an hour (the person is a creator). */
  async upcomingDrop(stock: number, title = 'x'): Promise<{ id: string }> {
    const p = await this.json(['product', 'create', '--title', title, '--price', '5']);
    const when = ['--starts-in', '1h', '--duration', '1h'];
    return this.json(['drop', 'schedule', '--product', p.id, ...when, '--stock', String(stock)]);
  }
}

export const ANSI = /\x1b\[/;

/** A user registered over HTTP (the CLI's own register is covered by the journey), used through LIVEDROPS_TOKEN. */
export async function registerOverHttp(api: string, handle: string, isCreator = false): Promise<string> {
  const body = JSON.stringify({ handle, password: 'correct horse battery', isCreator });
  const r = await fetch(`${api}/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  return ((await r.json()) as { token: string }).token;
}
