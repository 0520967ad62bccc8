import type { Cluster } from './fault-clients.js';

/**
 * Signs a fresh user in, opens their notification stream on instance `streamOn`, signs
 * them out on instance `logoutOn`, and measures how long the stream takes to end after the
 * logout was answered (the revocation reaches other instances through the session cache's
 * poll). Returns milliseconds, or Infinity when the stream was still open after 5 s.
 */
export async function logoutProbe(c: Cluster, streamOn: number, logoutOn: number, handle: string): Promise<number> {
  const reg = await c.call('POST', '/v1/auth/register', { handle, password: 'fault-test-password' });
  if (reg.status !== 201) throw new Error(`register ${handle}: ${reg.status}`);
  const token = reg.json.token as string;
  const res = await fetch(`${c.urls[streamOn]}/v1/me/notifications/stream`, {
    headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
    signal: AbortSignal.timeout(15_000),
  });
  if (res.status !== 200 || !res.body) throw new Error(`stream on instance ${streamOn}: ${res.status}`);
  const reader = res.body.getReader();
  const ended = (async () => {
    try {
      while (!(await reader.read()).done);
    } catch {
      // an aborted or reset stream has ended too
    }
    return Date.now();
  })();
  const out = await c.once(logoutOn, 'POST', '/v1/auth/logout', undefined, token);
  if (out.status !== 204) throw new Error(`logout on instance ${logoutOn}: ${out.status}`);
  const loggedOut = Date.now();
  const at = await Promise.race([ended, new Promise<number>((r) => setTimeout(() => r(Infinity), 5_000))]);
  if (at === Infinity) void reader.cancel().catch(() => undefined);
  return at - loggedOut;
}
