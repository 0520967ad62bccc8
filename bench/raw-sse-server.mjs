// Baseline: the least an SSE broadcaster can do on raw node:http: hold the responses, and
// write one frame to each of them in a plain loop when told to (at a given epoch ms).
import http from 'node:http';

const port = Number(process.argv[2] ?? 3998);
const clients = new Set();
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/stream') {
    req.socket.setNoDelay(true);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.write('retry: 1000\n\n');
    clients.add(res);
    req.on('close', () => clients.delete(res));
    return;
  }
  if (url.pathname === '/fire') {
    const at = Number(url.searchParams.get('at'));
    const id = url.searchParams.get('id');
    // About the size of a drop.started notification frame.
    const frame = `id: ${id}\nevent: drop.started\ndata: ${JSON.stringify({ id, type: 'drop.started', createdAt: new Date(at).toISOString(), data: { dropId: id, creatorId: id, productTitle: 'Hoodie', available: 100 } })}\n\n`;
    setTimeout(() => {
      for (const c of clients) c.write(frame);
    }, Math.max(0, at - Date.now()));
    return res.end('ok');
  }
  if (url.pathname === '/livez') return res.end('ok');
  res.statusCode = 404;
  res.end();
});
server.listen(port, '127.0.0.1');
process.on('SIGTERM', () => {
  for (const c of clients) c.destroy();
  server.close(() => process.exit(0));
});
