// Baseline for GET /media/…: one file served by raw node:http the way a static server does it
// (stat for the length, a read stream for the bytes, a strong ETag, 304 on If-None-Match).
import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';

const [port = '3998', file] = process.argv.slice(2);
const server = http.createServer((req, res) => {
  const { size, mtimeMs } = statSync(file);
  const etag = `"${size}-${Math.floor(mtimeMs)}"`;
  const headers = { 'content-type': 'image/webp', 'content-length': size, etag, 'cache-control': 'public, max-age=31536000, immutable' };
  if (req.headers['if-none-match'] === etag) return res.writeHead(304, headers).end();
  res.writeHead(200, headers);
  createReadStream(file).pipe(res);
});
server.listen(Number(port), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
