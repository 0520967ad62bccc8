#!/usr/bin/env node
// Packs every publishable package (`pnpm pack`), installs the tarballs into a temporary
// project, compiles the examples there against the installed types and runs their spec:
// what a user of the published packages gets, without the workspace's source around it.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = realpathSync(new URL('..', import.meta.url));
const PACKAGES = ['core', 'adapters', 'http', 'web', 'sim', 'cli'];
const started = Date.now();
const say = (msg) => console.error(`test-packages: ${msg} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

/** The workspace catalog's range for `name` (pnpm-workspace.yaml), so the project matches the workspace. */
function catalog(name) {
  const line = readFileSync(join(root, 'pnpm-workspace.yaml'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`  '${name}':`));
  if (!line) throw new Error(`${name} is not in the catalog`);
  return line.split(':').slice(1).join(':').trim().replace(/'/g, '');
}

const dir = mkdtempSync(join(tmpdir(), 'livedrops-packages-'));
try {
  const packs = join(dir, 'packs');
  mkdirSync(packs);
  for (const p of PACKAGES) run('pnpm', ['pack', '--pack-destination', packs], join(root, 'packages', p));
  say('packed');
  const tarballs = Object.fromEntries(
    PACKAGES.map((p) => [`@livedrops/${p}`, `file:${join(packs, `livedrops-${p}-0.1.0.tgz`)}`]),
  );
  // The native SQLite module the workspace built (setup): compiling it again would take minutes.
  const sqlite = realpathSync(join(root, 'packages/adapters/node_modules/better-sqlite3'));
  const project = join(dir, 'project');
  mkdirSync(project);
  const dev = [
    'chai',
    'koa',
    'koa-mount',
    '@types/chai',
    '@types/mocha',
    '@types/node',
    '@types/koa',
    '@types/koa-mount',
  ];
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify(
      {
        name: 'livedrops-embedder',
        private: true,
        type: 'module',
        dependencies: { ...tarballs, ...Object.fromEntries(dev.map((n) => [n, catalog(n)])) },
        pnpm: { overrides: { ...tarballs, 'better-sqlite3': `link:${sqlite}` } },
      },
      null,
      2,
    ),
  );
  run('pnpm', ['install', '--prefer-offline', '--ignore-scripts', '--reporter=silent'], project);
  say('installed');
  cpSync(join(root, 'examples/src'), join(project, 'src'), { recursive: true });
  cpSync(join(root, 'examples/test/examples.spec.ts'), join(project, 'test/examples.spec.ts'));
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2023',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        skipLibCheck: true,
        rootDir: '.',
        outDir: 'dist',
        types: ['node', 'mocha'],
      },
      include: ['src', 'test'],
    }),
  );
  run(join(root, 'node_modules/.bin/tsc'), ['-p', project], project);
  say('compiled the examples against the packages');
  const mocha = ['--no-config', '--reporter', 'dot', '--timeout', '30000', '--exit', 'dist/test/examples.spec.js'];
  execFileSync(join(root, 'node_modules/.bin/mocha'), mocha, { cwd: project, stdio: ['ignore', 'inherit', 'inherit'] });
  const version = run(join(project, 'node_modules/.bin/livedrops'), ['--version'], project).trim();
  if (version !== '0.1.0') throw new Error(`livedrops --version printed ${version}`);
  say('the examples pass against the installed tarballs; the livedrops command runs');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
