import { expect } from 'chai';
import { Person, registerOverHttp, useApi } from './api-server.js';

const user = registerOverHttp;

describe('livedrops CLI: queue join (subprocesses against a real API)', function () {
  this.timeout(90_000);
  const t = useApi();

  it('schedule --queue; join waits for the pass; order place needs it (--pass)', async () => {
    const ada = new Person(t.dir, 'ada', t.api.url);
    const as = (token: string) => ({ env: { LIVEDROPS_TOKEN: token } });
    const [adaT, beaT, cydT] = await Promise.all(['ada', 'bea', 'cyd'].map((h, i) => user(t.api.url, h, i === 0)));
    const product = await ada.json(['product', 'create', '--title', 'Print', '--price', '12.50'], as(adaT!));
    // Long enough for three CLI processes to join before the start on a loaded machine.
    const drop = await ada.json(
      ['drop', 'schedule', '--product', product.id, '--starts-in', '9s', '--duration', '1h', '--stock', '2', '--queue'],
      as(adaT!),
    );
    expect(drop).to.include({ access: 'queue' });
    const early = await ada.json(['queue', 'join', drop.id, '--no-wait'], as(cydT!));
    expect(early).to.include({ state: 'waiting', position: null });
    const [bea, cyd] = await Promise.all([
      ada.run(['queue', 'join', drop.id], as(beaT!)),
      ada.run(['queue', 'join', drop.id], as(cydT!)),
    ]);
    expect(cyd.code, cyd.stderr).to.equal(0);
    const winner = { run: bea, token: beaT! };
    expect(winner.run.code, winner.run.stderr).to.equal(0);
    expect(winner.run.stderr).to.include('waiting for the start');
    expect(winner.run.stderr).to.include('admitted: your pass is valid until');
    const pass = winner.run.stdout.trim();
    expect(pass).to.match(/^qp_[0-9a-f]{64}$/);
    const refused = await ada.run(['order', 'place', drop.id], as(winner.token));
    expect(refused.stderr).to.include('pass_required');
    const placed = await ada.run(['order', 'place', drop.id, '--pass', pass], as(winner.token));
    expect(placed.code, placed.stderr).to.equal(0);
    const reused = await ada.run(['order', 'place', drop.id, '--pass', pass], as(winner.token));
    expect(reused.stderr).to.include('pass_required');
  });
});
