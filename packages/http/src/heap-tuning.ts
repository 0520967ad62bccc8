import { setFlagsFromString } from 'node:v8';

/**
 * Turns off V8's allocation-site pretenuring for the whole process; for the process that runs
 * the server (`livedrops serve`, the simulator's embedded server), called before it starts.
 *
 * V8 counts, per place in the code that allocates, how many of its objects survive young
 * collections, and once most do it allocates that place's objects straight in the old
 * generation. The requests that open notification streams live for hours, so the request path
 * (Node's request and response, Koa's context, the middleware's closures) is learned as long
 * lived, and every later request's objects go to the old generation too: garbage there is only
 * reclaimed by full collections, and each young collection promoted megabytes. One instance
 * holding 10,000 streams spent twice the CPU on each request (`GET /livez` 130–150 µs instead of
 * 74–78; `bench/queue-joins.mjs --streams 10000`, docs/benchmarks.md). Set at run time rather
 * than as a node flag: a process manager that starts `main.js` gets it as well, and Node
 * refuses the flag in NODE_OPTIONS.
 */
export function keepRequestsYoung(): void {
  setFlagsFromString('--no-allocation-site-pretenuring');
}
