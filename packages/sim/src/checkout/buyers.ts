import { Prng } from '../prng.js';
import type { Actor, CheckoutClient, OrderJson } from './checkout-client.js';
import type { ServerTime } from './server-time.js';

/** What a buyer does with a hold (seeded per buyer). */
export type Persona = 'pay' | 'decline-then-pay' | 'cancel' | 'abandon' | 'pay-too-late';

const PERSONAS: Array<[Persona, number]> = [
  ['pay', 0.45],
  ['decline-then-pay', 0.15],
  ['cancel', 0.1],
  ['abandon', 0.15],
  ['pay-too-late', 0.15],
];

export function personaOf(seed: number, buyer: number): Persona {
  let r = Prng.derive(seed, `persona:${buyer}`).next();
  for (const [p, w] of PERSONAS) if ((r -= w) < 0) return p;
  return 'pay';
}

/** Most pay by pm_card_visa; some by pm_card_flaky (the server retries it) or pm_card_slow (3 s). */
function methodOf(rng: Prng): string {
  const r = rng.next();
  return r < 0.75 ? 'pm_card_visa' : r < 0.9 ? 'pm_card_flaky' : 'pm_card_slow';
}

export interface BuyerContext {
  client: CheckoutClient;
  time: ServerTime;
  seed: number;
  tag: string;
  dropId: string;
  quantityMax: number;
  /** Buyers turned away as sold out may join the waitlist: they are watched for offers from then on. */
  onWaitlist(a: Actor): void;
}

/** One buyer's intent, from the hold to whatever their persona does with it. */
export async function runBuyer(c: BuyerContext, a: Actor, intent: number): Promise<void> {
  const rng = Prng.derive(c.seed, `buyer:${a.index}`);
  const persona = personaOf(c.seed, a.index);
  const held = await c.client.hold(a, c.dropId, rng.int(1, c.quantityMax), `${c.tag}-h${a.index}`, intent);
  if (!held.order) {
    if (held.code === 'sold_out' && rng.chance(0.5) && (await c.client.join(a, c.dropId)).status < 300) c.onWaitlist(a);
    return;
  }
  const o = held.order;
  const key = (n: number): string => `${c.tag}-p${a.index}-${n}`;
  switch (persona) {
    case 'pay':
      await c.client.pay(a, o, methodOf(rng), key(1));
      return;
    case 'decline-then-pay':
      await c.client.pay(a, o, rng.chance(0.6) ? 'pm_card_chargeDeclined' : 'pm_card_insufficientFunds', key(1));
      await c.client.pay(a, o, 'pm_card_visa', key(2));
      return;
    case 'cancel':
      await new Promise((r) => setTimeout(r, rng.int(0, 500)));
      await c.client.cancel(a, o);
      return;
    case 'abandon':
      return;
    case 'pay-too-late':
      // Just past the deadline by the server's clock: the hold is (or is about to be) expired.
      await c.time.until(Date.parse(o.expiresAt!) + 200);
      await c.client.pay(a, o, 'pm_card_visa', key(1));
  }
}

/**
 * A waiting user's app: it looks at their orders now and then, and a hold that appears
 * there (an offer) is paid for (four in five) or let pass, once.
 */
export async function watchOffers(c: BuyerContext, a: Actor, running: () => boolean): Promise<void> {
  const rng = Prng.derive(c.seed, `waiter:${a.index}`);
  const seen = new Set<string>();
  while (running()) {
    for (const o of await c.client.orders(a, c.dropId)) {
      if (o.status !== 'held' || seen.has(o.id)) continue;
      seen.add(o.id);
      if (rng.chance(0.8)) await c.client.pay(a, o as OrderJson, 'pm_card_visa', `${c.tag}-o${o.id}`);
    }
    await new Promise((r) => setTimeout(r, 400 + rng.int(0, 200)));
  }
}
