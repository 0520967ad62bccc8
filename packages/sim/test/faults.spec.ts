import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runScenario } from '../src/index.js';
import { losingOrderNotifications, oversellingInventory } from './support/faulty-ports.js';
import { startTestServer, tempOut, type TestServer } from './support/servers.js';
import { SMALL } from './support/small.js';

const CLI = fileURLToPath(new URL('../../../cli/dist/src/main.js', import.meta.url));

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('the checker catches a broken server (test-only faulty ports)', function () {
  this.timeout(60_000);
  let server: TestServer | undefined;
  const out = tempOut('faults');
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  after(() => out.remove());

  it('an inventory that oversells under concurrency: oversold units, naming the operations', async () => {
    server = await startTestServer({ decoratePorts: oversellingInventory() });
    const r = await runScenario({
      scenario: 'hot-drop',
      api: server.url,
      databaseUrl: server.databaseUrl,
      ...SMALL,
      outDir: `${out.dir}/oversell`,
    });
    expect(r.report.verdict).to.equal('fail');
    const oversold = r.report.check.violations.find((v) => v.kind === 'oversold');
    expect(oversold, r.table).to.not.equal(undefined);
    expect(oversold!.ops.length).to.be.greaterThan(0);
    expect(r.report.check.stats.oversoldUnits).to.be.greaterThan(0);
    expect(r.table).to.match(/\[oversold\] drop .* oversold by \d+ \(ops \d+/);
  });

  it('a server that loses order.confirmed: missing notifications on streams and in inboxes', async () => {
    server = await startTestServer({ decoratePorts: losingOrderNotifications() });
    const r = await runScenario({
      scenario: 'hot-drop',
      api: server.url,
      databaseUrl: server.databaseUrl,
      ...SMALL,
      readRate: 0,
      outDir: `${out.dir}/lost`,
    });
    expect(r.report.verdict).to.equal('fail');
    const missing = r.report.check.violations.filter((v) => v.kind === 'missing-notification');
    // Every acknowledged order is missing twice: on the buyer's stream and in their inbox.
    expect(missing.length, r.table).to.equal(2 * r.report.check.stats.ackedOrders);
    expect(missing.every((v) => /order\.confirmed/.test(v.message) && v.ops.length === 1)).to.equal(true);
    expect(r.report.check.stats.oversoldUnits).to.equal(0);
  });

  it('`livedrops sim` exits non-zero on a violation (subprocess); with --json the report is the one document', async () => {
    server = await startTestServer({ decoratePorts: oversellingInventory() });
    const r = await runCli([
      'sim',
      'hot-drop',
      '--api',
      server.url,
      '--database-url',
      server.databaseUrl,
      '--followers',
      '30',
      '--streams',
      '30',
      '--buyers',
      '30',
      '--stock',
      '8',
      '--rate',
      '150',
      '--read-rate',
      '0',
      '--duration',
      '600ms',
      '--lead',
      '300ms',
      '--no-progress',
      '--out',
      `${out.dir}/cli`,
      '--json',
    ]);
    expect(r.code, r.stderr).to.equal(1);
    const report = JSON.parse(r.stdout);
    expect(report).to.include({ scenario: 'hot-drop', verdict: 'fail' });
    expect(report.check.violations.some((v: { kind: string }) => v.kind === 'oversold')).to.equal(true);
    expect(r.stderr.trim()).to.match(
      /^livedrops: sim hot-drop failed: \d+ violation\(s\), 0 target\(s\) missed; see .*report\.json$/,
    );
  });
});
