// The driver's side of bench/lib/sse-swarm.mjs: a child process holding many SSE clients.
import { fork } from 'node:child_process';
import { ROOT } from './harness.mjs';

/**
 * Connects one SSE client per token (null: no Authorization) to `url + path`, in waves;
 * resolves once all have answered. `arrivals()` lists [event id, type, epoch ms] of every
 * frame any client received; `close()` kills the child and with it every connection.
 */
export async function startSwarm(url, path, tokens) {
  const child = fork(`${ROOT}bench/lib/sse-swarm.mjs`, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ask = (msg, type) => new Promise((resolve) => {
    const on = (m) => {
      if (m.type !== type) return;
      child.off('message', on);
      resolve(m);
    };
    child.on('message', on);
    child.send(msg);
  });
  const connected = await ask({ cmd: 'connect', url, path, tokens, wave: 500 }, 'connected');
  return {
    connected,
    arrivals: async () => (await ask({ cmd: 'arrivals' }, 'arrivals')).list,
    close: async () => void child.kill('SIGKILL'),
  };
}
