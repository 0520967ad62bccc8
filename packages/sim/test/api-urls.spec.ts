import { expect } from 'chai';
import { scenarioOptions, validateOptions } from '../src/index.js';
import { apiUrls } from '../src/target/embedded.js';

const A = 'http://127.0.0.1:3001';
const B = 'http://127.0.0.1:3002';

/** `--api A,B,…`: the instances of one deployment, which queue-storm and draw spread their users over. */
describe('sim: several API URLs', () => {
  it('splits them, trimmed and without trailing slashes', () => {
    expect(apiUrls(`${A}/, ${B}`)).to.deep.equal([A, B]);
    expect(apiUrls(A)).to.deep.equal([A]);
  });

  it('queue-storm and draw take several; the other scenarios one', () => {
    for (const scenario of ['queue-storm', 'draw'] as const)
      expect(validateOptions(scenarioOptions(scenario, { api: `${A},${B}` }))).to.deep.equal([]);
    for (const scenario of ['hot-drop', 'checkout'] as const) {
      const o = scenarioOptions(scenario, { api: `${A},${B}`, databaseUrl: 'sqlite:x.db' });
      expect(validateOptions(o)).to.deep.equal(['several API URLs: queue-storm and draw only']);
    }
  });
});
