import { expect } from 'chai';
import { hold, payDrop } from './support/checkout.js';
import { newKey, registerMany, type Account } from './support/fixtures.js';
import { expectGqlError, gql, gqlData } from './support/graphql.js';
import { startTestServer, type TestServer } from './support/harness.js';

const PAY = `mutation($orderId: ID!, $pm: String!, $key: String!) {
  payOrder(orderId: $orderId, paymentMethodId: $pm, idempotencyKey: $key) { replayed order { id status expiresAt payment { id status amountCents } } } }`;
const CANCEL = `mutation($orderId: ID!) { cancelOrder(orderId: $orderId) { order { id status } } }`;

/** Checkout in GraphQL: the same use cases, keys and codes as POST /v1/orders/{id}/payment and /cancel. */
describe('GraphQL checkout: payOrder, cancelOrder, me.waitlist, holds in the schema', () => {
  let t: TestServer;
  let maker: Account, buyer: Account;
  before(async () => {
    t = await startTestServer();
    [maker] = (await registerMany(t.client, 'gcmaker', 1, true)) as [Account];
    [buyer] = (await registerMany(t.client, 'gcbuyer', 1)) as [Account];
  });
  after(() => t.close());

  it('pays a hold once per key (a replay says so), and answers declines and refusals with the REST codes', async () => {
    const drop = await payDrop(t.client, maker, { stock: 5 });
    const o = await hold(t.client, buyer, drop.id, 2);
    const declined = await gql(t.url, PAY, {
      token: buyer.token,
      variables: { orderId: o.id, pm: 'pm_card_chargeDeclined', key: newKey() },
    });
    expect(expectGqlError(declined, 'payment_declined').extensions.declineCode).to.equal('card_declined');
    const key = newKey();
    const paid = (
      await gqlData(t.url, PAY, { token: buyer.token, variables: { orderId: o.id, pm: 'pm_card_visa', key } })
    ).payOrder;
    expect(paid).to.deep.include({ replayed: false });
    expect(paid.order).to.deep.include({ id: o.id, status: 'CONFIRMED', expiresAt: o.expiresAt });
    expect(paid.order.payment).to.include({ status: 'captured', amountCents: o.totalCents });
    expect(
      (await gqlData(t.url, PAY, { token: buyer.token, variables: { orderId: o.id, pm: 'pm_card_visa', key } }))
        .payOrder.replayed,
    ).to.equal(true);
    expectGqlError(
      await gql(t.url, PAY, { token: buyer.token, variables: { orderId: o.id, pm: 'pm_card_visa', key: newKey() } }),
      'order_not_payable',
    );
    expectGqlError(
      await gql(t.url, PAY, { token: buyer.token, variables: { orderId: o.id, pm: 'visa', key: newKey() } }),
      'validation_failed',
    );
    expectGqlError(await gql(t.url, CANCEL, { token: buyer.token, variables: { orderId: o.id } }), 'order_not_held');
  });

  it('cancels a hold; lists the waitlist; shows held units on the drop', async () => {
    const drop = await payDrop(t.client, maker, { stock: 3 });
    const o = await hold(t.client, buyer, drop.id, 2);
    const stock = `query($id: ID!) { drop(id: $id) { checkout holdSeconds stock { total available held } } }`;
    expect((await gqlData(t.url, stock, { variables: { id: drop.id } })).drop).to.deep.equal({
      checkout: 'pay',
      holdSeconds: 600,
      stock: { total: 3, available: 1, held: 2 },
    });
    expect(
      (await gqlData(t.url, CANCEL, { token: buyer.token, variables: { orderId: o.id } })).cancelOrder.order,
    ).to.deep.equal({ id: o.id, status: 'CANCELLED' });
    expect((await t.client.put(`/v1/me/waitlist/${drop.id}`, { token: buyer.token })).status).to.equal(201);
    const mine = await gqlData(
      t.url,
      '{ me { waitlist(first: 5) { edges { node { dropId joinedAt drop { id } } } } } }',
      { token: buyer.token },
    );
    expect(mine.me.waitlist.edges.map((e: { node: { dropId: string } }) => e.node.dropId)).to.deep.equal([drop.id]);
  });
});
