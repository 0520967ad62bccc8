/**
 * Example: the Live Drops API inside another Koa application, under `/shop`. The host app
 * keeps its own routes; `createApp` builds the API's Koa app from a container's use cases.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADAPTER_TOKENS, createContainer, loadConfig, type Readiness } from '@livedrops/adapters';
import { TOKENS, type UseCases } from '@livedrops/core';
import { createApp, createLogger, createMetrics } from '@livedrops/http';
import Koa from 'koa';
import mount from 'koa-mount';

export interface HostedShop {
  url: string;
  close(): Promise<void>;
}

export async function hostShop(): Promise<HostedShop> {
  const container = await createContainer(loadConfig({ DATABASE_URL: 'memory:' }));
  const shop = createApp({
    useCases: container.get<UseCases>(TOKENS.UseCases),
    readiness: container.get<Readiness>(ADAPTER_TOKENS.Readiness),
    logger: createLogger('silent'),
    metrics: createMetrics({ defaultMetrics: false }),
  });
  const host = new Koa();
  host.use(mount('/shop', shop));
  host.use((ctx) => {
    ctx.body = { service: 'host', path: ctx.path };
  });
  const server: Server = await new Promise((resolve) => {
    const s = host.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await container.unbindAllAsync();
    },
  };
}
