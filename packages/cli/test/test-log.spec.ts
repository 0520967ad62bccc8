import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

describe("the test log under CI=true (the repository's test command, piped)", function () {
  this.timeout(30_000);

  it('has no colour codes: mocha and the production pass run with --no-color off a terminal', () => {
    const root = new URL('../../../../', import.meta.url).pathname;
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const mochaPart = pkg.scripts['test:only']!.split(' && ').find((part) => part.startsWith('mocha'))!;
    // The same command, on one small spec instead of the whole suite.
    const r = spawnSync('sh', ['-c', `${mochaPart} --no-config packages/core/dist/test/drop-status.spec.js`], {
      cwd: root,
      env: { ...process.env, CI: 'true', PATH: `${join(root, 'node_modules/.bin')}:${process.env.PATH}` },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).to.equal(0);
    expect(r.stdout)
      .to.match(/passing/)
      .and.not.match(/\x1b\[/);
    expect(readFileSync(join(root, '.ci/test-production.mjs'), 'utf8')).to.include(
      "process.stdout.isTTY ? [] : ['--no-color']",
    );
  });
});
