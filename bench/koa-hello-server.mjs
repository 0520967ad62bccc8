// Baseline: Koa with nothing on it but one JSON answer, to show what the framework costs
// over raw node:http before any of our middleware, routing or validation runs.
import { createRequire } from 'node:module';
import http from 'node:http';
import { ROOT } from './lib/harness.mjs';

const Koa = createRequire(`${ROOT}packages/http/package.json`)('koa');
const port = Number(process.argv[2] ?? 3997);
const app = new Koa();
app.use((ctx) => {
  ctx.body = { ok: true };
});
const server = http.createServer(app.callback()).listen(port, '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
