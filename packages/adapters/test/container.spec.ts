import { TOKENS, type Inventory, type ReserveRequest, type UseCases, type User } from '@livedrops/core';
import { expect } from 'chai';
import { type Container, ContainerModule } from 'inversify';
import { loadConfig } from '../src/config.js';
import { ADAPTER_TOKENS, createContainer, type Readiness } from '../src/container.js';
import { defaultModules } from '../src/modules/default-modules.js';
import type { DataAdapters } from '../src/data-ports.js';
import { FakeClock } from '../src/system/clocks.js';

/** Counts what it is asked and sells without limit: enough to see whose decision an order took. */
class CountingInventory implements Inventory {
  readonly asked: ReserveRequest[] = [];
  async reserve(r: ReserveRequest) {
    this.asked.push(r);
    return { ok: true as const, sold: r.quantity, total: 1_000 };
  }
}

async function liveDrop(uc: UseCases, c: Container): Promise<{ fan: User; dropId: string }> {
  const clock = c.get<FakeClock>(TOKENS.Clock);
  const creator = (await uc.register.execute({ handle: 'maker', password: 'password1', isCreator: true })).user;
  const fan = (await uc.register.execute({ handle: 'fan', password: 'password1' })).user;
  const product = await uc.products.create(creator, { title: 'Hoodie', priceCents: 4999, currency: 'EUR' });
  const now = clock.now();
  const drop = await uc.drops.schedule(creator, {
    productId: product.id,
    startsAt: now,
    endsAt: now + 3_600_000,
    stock: 5,
    perUserLimit: null,
  });
  return { fan, dropId: drop.id };
}

describe('createContainer', () => {
  let c: Container | undefined;
  afterEach(async () => {
    await c?.unbindAllAsync();
    c = undefined;
  });

  for (const url of ['memory:', 'sqlite::memory:']) {
    it(`${url} an Inventory rebound before first resolution decides every order`, async () => {
      const inventory = new CountingInventory();
      c = await createContainer(loadConfig({ DATABASE_URL: url }), {
        clock: new FakeClock(),
        overrides: (container) => void container.rebind(TOKENS.Inventory).toConstantValue(inventory),
      });
      const uc = c.get<UseCases>(TOKENS.UseCases);
      const { fan, dropId } = await liveDrop(uc, c);
      const order = await uc.placeOrder.execute(fan, 'key-1', { dropId, quantity: 2 });
      expect(order.outcome.ok).to.equal(true);
      expect(inventory.asked).to.have.length(1);
      expect(inventory.asked[0]).to.include({ dropId, quantity: 2 });
    });
  }

  it('hands the one clock to the use cases and the adapters alike', async () => {
    const clock = new FakeClock(Date.UTC(2030, 0, 1));
    c = await createContainer(loadConfig({ DATABASE_URL: 'memory:' }), { clock });
    const uc = c.get<UseCases>(TOKENS.UseCases);
    const { user } = await uc.register.execute({ handle: 'ada', password: 'password1' });
    expect(user.createdAt).to.equal(clock.now());
    expect(c.get(TOKENS.Clock)).to.equal(clock);
  });

  it('loads the modules it is given: an embedder’s module rebinds the id generator', async () => {
    const config = loadConfig({ DATABASE_URL: 'memory:' });
    let n = 0;
    const ids = new ContainerModule(({ rebind }) => {
      rebind(TOKENS.Ids).toConstantValue({ next: () => `id-${++n}` });
    });
    c = await createContainer(config, { modules: [...defaultModules(config), ids] });
    const { user } = await c.get<UseCases>(TOKENS.UseCases).register.execute({ handle: 'ada', password: 'password1' });
    expect(user.id).to.match(/^id-\d+$/);
  });

  it('binds every token of the core', async () => {
    c = await createContainer(loadConfig({ DATABASE_URL: 'memory:' }));
    for (const [name, token] of Object.entries(TOKENS)) expect(c.isBound(token), name).to.equal(true);
  });

  it('reports readiness and closes the engine on unbind', async () => {
    c = await createContainer(loadConfig({ DATABASE_URL: 'sqlite::memory:' }));
    expect(await c.get<Readiness>(ADAPTER_TOKENS.Readiness)()).to.deep.equal({ database: 'up' });
    const data = c.get<DataAdapters & { knex: { client: { pool: unknown } } }>(ADAPTER_TOKENS.Data);
    await c.unbindAllAsync();
    c = undefined;
    expect(
      await data.ping().then(
        () => 'up',
        () => 'down',
      ),
    ).to.equal('down');
  });
});
