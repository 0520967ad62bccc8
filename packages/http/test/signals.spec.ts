import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { PASSWORD } from './support/fixtures.js';
import { uniqueHandle } from './support/harness.js';

const CHILD = fileURLToPath(new URL('./support/child-server.js', import.meta.url));

describe('SIGTERM (installSignalHandlers, in a child process)', () => {
  it('finishes the in-flight request, then exits 0', async function () {
    this.timeout(15_000);
    const dir = mkdtempSync(join(tmpdir(), 'livedrops-sig-'));
    const child = spawn(process.execPath, [CHILD, `sqlite:${join(dir, 'db.sqlite')}`], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.once('data', (b: Buffer) => resolve(b.toString().trim()));
        child.once('exit', (code) => reject(new Error(`child exited early with ${code}`)));
      });
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      // Registration hashes with scrypt: slow enough to still be running when the signal lands.
      const inFlight = fetch(`${url}/v1/auth/register`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ handle: uniqueHandle('sig'), password: PASSWORD }),
      });
      await new Promise((r) => setTimeout(r, 15));
      child.kill('SIGTERM');
      const res = await inFlight;
      expect(res.status).to.equal(201);
      expect(await exited).to.equal(0);
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
