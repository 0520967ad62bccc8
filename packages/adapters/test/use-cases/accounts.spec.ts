import { expect } from 'chai';
import { DomainError } from '@livedrops/core';
import { world } from './world.js';

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return 'ok';
}

describe('use cases: accounts', () => {
  it('registers, logs in, authenticates and logs out', async () => {
    const w = world();
    const { user, token } = await w.uc.register.execute({ handle: 'ana', password: 'correct horse' });
    expect(user.displayName).to.equal('ana');
    expect((await w.uc.sessions.authenticate(token)).id).to.equal(user.id);
    const again = await w.uc.login.execute({ handle: 'ana', password: 'correct horse' });
    expect(again.token).to.not.equal(token);
    await w.uc.sessions.logout(token);
    expect(await code(w.uc.sessions.authenticate(token))).to.equal('unauthenticated');
    expect((await w.uc.sessions.authenticate(again.token)).id).to.equal(user.id);
  });

  it('stores only a hash of the password and of each token', async () => {
    const w = world();
    const { user, token } = await w.uc.register.execute({ handle: 'bo_b', password: 'secret-pass' });
    expect(w.store.users.get(user.id)!.passwordHash)
      .to.match(/^scrypt\$/)
      .and.not.include('secret-pass');
    expect([...w.store.sessions.keys()].some((k) => k.includes(token))).to.equal(false);
  });

  it('refuses a taken handle, bad handles and short passwords', async () => {
    const w = world();
    await w.uc.register.execute({ handle: 'cleo', password: 'password1' });
    expect(await code(w.uc.register.execute({ handle: 'cleo', password: 'password2' }))).to.equal('handle_taken');
    expect(await code(w.uc.register.execute({ handle: 'No Caps', password: 'password2' }))).to.equal(
      'validation_failed',
    );
    expect(await code(w.uc.register.execute({ handle: 'dora', password: 'short' }))).to.equal('validation_failed');
  });

  it('rate-limits repeated failed logins for one handle, then lets the window pass', async () => {
    const w = world();
    await w.uc.register.execute({ handle: 'eve', password: 'password1' });
    for (let i = 0; i < 5; i++)
      expect(await code(w.uc.login.execute({ handle: 'eve', password: 'wrong-one' }))).to.equal('unauthenticated');
    expect(await code(w.uc.login.execute({ handle: 'eve', password: 'password1' }))).to.equal('rate_limited');
    w.clock.advance(61_000);
    expect(await code(w.uc.login.execute({ handle: 'eve', password: 'password1' }))).to.equal('ok');
  });
});
