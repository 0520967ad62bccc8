// A child process holding thousands of SSE clients (kept out of the driver's event loop, so
// the order load generator and the clients do not slow each other's clocks). Controlled
// over IPC: connect → connected; arrivals → every (event id, type, arrival ms); close.
import http from 'node:http';
import { createParser } from 'eventsource-parser';

const sockets = [];
const arrivals = [];
const now = () => performance.timeOrigin + performance.now();

function connect(url, path, token) {
  return new Promise((resolve) => {
    const req = http.request(`${url}${path}`, { agent: false, headers: { accept: 'text/event-stream', ...(token && { authorization: `Bearer ${token}` }) } });
    req.setTimeout(20_000, () => req.destroy());
    req.on('error', () => resolve(false));
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return resolve(false);
      }
      sockets.push(req);
      // The project's one SSE parser: heartbeats (comments) and id-less frames are not arrivals.
      const parser = createParser({ onEvent: (e) => e.id && arrivals.push([e.id, e.event, now()]) });
      res.setEncoding('utf8');
      res.on('data', (chunk) => parser.feed(chunk));
      res.on('error', () => undefined);
      req.setTimeout(0);
      resolve(true);
    });
    req.end();
  });
}

process.on('message', async (m) => {
  if (m.cmd === 'connect') {
    const started = now();
    let ok = 0;
    // In waves: a burst of 10,000 SYNs would overflow the listen backlog and stall on retries.
    for (let i = 0; i < m.tokens.length; i += m.wave) {
      const results = await Promise.all(m.tokens.slice(i, i + m.wave).map((t) => connect(m.url, m.path, t)));
      ok += results.filter(Boolean).length;
    }
    process.send({ type: 'connected', ok, failed: m.tokens.length - ok, ms: now() - started });
  } else if (m.cmd === 'arrivals') {
    process.send({ type: 'arrivals', list: arrivals });
  } else if (m.cmd === 'close') {
    for (const s of sockets) s.destroy();
    process.exit(0);
  }
});
setTimeout(() => process.exit(2), 10 * 60_000).unref(); // bounded even if the driver dies
process.on('disconnect', () => process.exit(0));
