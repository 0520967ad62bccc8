import type { HttpClient } from '../client/http-client.js';
import type { History } from '../history/history.js';
import type { SimOptions } from '../options.js';
import type { LatencyBook } from '../report/latency.js';
import type { PlannedDrop, World } from '../setup/world.js';

/** What the workload's requests share. */
export interface LoadContext {
  http: HttpClient;
  history: History;
  latency: LatencyBook;
  o: SimOptions;
  world: World;
  drops: PlannedDrop[];
}

export const ENDPOINT = {
  order: 'POST /v1/orders',
  'read-drop': 'GET /v1/drops/{id}',
  'list-drops': 'GET /v1/drops?status=live',
  'read-product': 'GET /v1/products/{id}',
  'read-creator': 'GET /v1/creators/{id}',
  pay: 'POST /v1/orders/{id}/payment',
  cancel: 'POST /v1/orders/{id}/cancel',
  waitlist: 'PUT /v1/me/waitlist/{dropId}',
} as const;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits until `at` (ms on the history's clock); timers may fire a little early, so it checks again. */
export async function until(ctx: LoadContext, at: number): Promise<void> {
  for (let wait = at - ctx.history.now(); wait > 0; wait = at - ctx.history.now())
    await sleep(Math.max(1, Math.ceil(wait)));
}
