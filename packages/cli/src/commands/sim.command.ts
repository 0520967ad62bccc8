import { Option, type Command } from 'commander';
import type { SimOptions } from '@livedrops/sim';
import { normaliseApi, type GlobalOpts } from '../context.js';
import { parseDuration } from '../duration.js';
import { CliError, UsageError } from '../errors.js';
import { example } from '../output.js';

const SCENARIOS = [
  'seed-targets',
  'hot-drop',
  'retry-storm',
  'celebrity',
  'many-drops',
  'checkout',
  'queue-storm',
  'draw',
];

const int =
  (flag: string, min = 0) =>
  (text: string): number => {
    const n = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
    if (!(n >= min)) throw new UsageError(`invalid ${flag} "${text}": expected an integer ≥ ${min}`);
    return n;
  };
const rate =
  (flag: string) =>
  (text: string): number => {
    const n = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
    if (!(n >= 0)) throw new UsageError(`invalid ${flag} "${text}": expected a number ≥ 0`);
    return n;
  };
const probability =
  (flag: string) =>
  (text: string): number => {
    const n = /^(0(\.\d+)?|1(\.0+)?)$/.test(text) ? Number(text) : NaN;
    if (Number.isNaN(n)) throw new UsageError(`invalid ${flag} "${text}": expected a probability between 0 and 1`);
    return n;
  };
/** `250ms`, or a duration the other commands accept (`5s`, `1m`...). */
const span =
  (flag: string) =>
  (text: string): number =>
    // Zero (`--warm-up 0`, none) is for the options' own checks to refuse where it makes no sense.
    /^0+(ms|s|m|h)?$/.test(text) ? 0 : /^\d+ms$/.test(text) ? Number(text.slice(0, -2)) : parseDuration(text, flag);

interface Flags {
  embedded?: boolean;
  databaseUrl?: string;
  out?: string;
  progress: boolean;
  [k: string]: unknown;
}

export function registerSim(program: Command): void {
  program
    .command('sim')
    .description(
      'Replay a flash sale against a server, check nothing was oversold, duplicated or lost, and report latencies',
    )
    .argument('<scenario>', `one of ${SCENARIOS.join(', ')}`)
    .option('--embedded', 'start an in-process server on a temporary SQLite file (else give --api URL)')
    .option('--database-url <url>', "with --api: the server's database, to seed users in bulk instead of over the API")
    .option('--followers <n>', 'users following the creators', int('--followers'))
    .option('--streams <n>', 'followers holding a notification stream', int('--streams'))
    .addOption(
      new Option(
        '--streams-via <transport>',
        'how the streams are held: SSE or a GraphQL subscription over WebSocket',
      ).choices(['sse', 'ws']),
    )
    .option('--buyers <n>', 'users placing orders', int('--buyers'))
    .option('--stock <n>', 'units per drop', int('--stock', 1))
    .option('--drops <n>', 'drops', int('--drops', 1))
    .option('--creators <n>', 'creators the drops are spread over', int('--creators', 1))
    .option('--per-user-limit <n>', 'units per buyer per drop ("none": no limit)', (t: string) =>
      t === 'none' ? null : int('--per-user-limit', 1)(t),
    )
    .option('--quantity-max <n>', 'each order asks for 1..n units', int('--quantity-max', 1))
    .option('--rate <n>', 'order intents per second (open model)', rate('--rate'))
    .option('--read-rate <n>', 'browsing requests per second, mixed in', rate('--read-rate'))
    .option('--duration <d>', 'length of the load, e.g. 10s, 1m, 500ms', span('--duration'))
    .addOption(new Option('--arrivals <kind>', 'arrival process').choices(['poisson', 'even']))
    .option('--closed <n>', 'closed model instead: n buyers ordering back to back', int('--closed'))
    .option('--timeout <d>', 'client timeout per attempt (indeterminate, retried with the same key)', span('--timeout'))
    .option('--retries <n>', 'retries after the first attempt', int('--retries'))
    .option('--backoff <d>', 'full-jitter backoff base', span('--backoff'))
    .option('--backoff-cap <d>', 'full-jitter backoff cap', span('--backoff-cap'))
    .option('--double-tap <p>', 'probability an order is sent twice with the same key', probability('--double-tap'))
    .option('--abandon <p>', "probability an attempt's response is lost (connection dropped)", probability('--abandon'))
    .option('--inbox-samples <n>', 'followers (not connected) whose inbox is checked', int('--inbox-samples'))
    .option('--lead <d>', 'time from creating the drops to their start', span('--lead'))
    .option(
      '--warm-up <d>',
      'unrecorded warm-up: catalogue reads in the countdown (clipped to --lead); queue-storm: a small waiting room first',
      span('--warm-up'),
    )
    .option('--stagger <d>', "spread of the drops' start times (many-drops)", span('--stagger'))
    .option('--settle <d>', 'longest wait for notifications after the load', span('--settle'))
    .option('--connections <n>', 'keep-alive sockets for the load', int('--connections', 1))
    .option('--seed <n>', 'seed for every random choice (same seed, same workload)', int('--seed'))
    .option('--hold <d>', 'checkout: how long a hold lasts, 30s to 1h', span('--hold'))
    .option('--waitlisters <n>', 'checkout: users on the waitlist before the drop opens', int('--waitlisters'))
    .option('--out <dir>', 'where results go (default ./sim-results/<timestamp>)')
    .option('--no-progress', 'no progress bar or lines on stderr')
    .addHelpText(
      'after',
      `
queue-storm and draw take several --api URLs, comma-separated (instances of one deployment):
users are assigned to them round-robin and move to the next when theirs stops answering.

Exit codes: 0 every invariant held and every target was met; 1 a violation (named with its
history.jsonl lines) or a missed target; 2 usage; 5 server unreachable.${example(
        'livedrops sim hot-drop --embedded --stock 500 --buyers 5000',
        'livedrops sim retry-storm --api http://127.0.0.1:3000 --database-url sqlite:./livedrops.db --seed 7',
        'livedrops sim celebrity --embedded --followers 1000000 --streams 10000',
        'livedrops sim checkout --api http://127.0.0.1:3000 --database-url postgres://127.0.0.1/livedrops',
        'livedrops sim queue-storm --api http://10.0.0.1:3000,http://10.0.0.2:3000 --database-url postgres://db/ld',
      )}`,
    )
    .action(async (scenario: string, flags: Flags, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOpts>();
      if (!SCENARIOS.includes(scenario))
        throw new UsageError(`unknown scenario "${scenario}": expected one of ${SCENARIOS.join(', ')}`);
      // --api, else LIVEDROPS_API unless --embedded was asked for; never the logged-in server by surprise.
      const apiText = globals.api ?? (flags.embedded ? undefined : process.env['LIVEDROPS_API']);
      if (Boolean(apiText) === Boolean(flags.embedded))
        throw new UsageError('give exactly one of --api URL or --embedded');
      // Several instances of one deployment, comma-separated (queue-storm and draw spread their users over them).
      const api = apiText
        ? apiText
            .split(',')
            .map((u) => normaliseApi(u.trim()))
            .join(',')
        : undefined;
      if (api?.includes('https:')) throw new UsageError('the simulator speaks plain http (run it beside the server)');
      if (flags.databaseUrl && !/^(sqlite:.+|postgres(ql)?:\/\/.+)$/.test(flags.databaseUrl))
        throw new UsageError(
          "--database-url: sqlite:<path> or postgres://… (the server's own database); leave it out to seed over the API",
        );
      // Loaded here, not at the top: other commands should not pay for the simulator's modules.
      const { runScenario, SimOptionsError } = await import('@livedrops/sim');
      const pick = <K extends string>(...keys: K[]): Record<string, unknown> =>
        Object.fromEntries(keys.map((k) => [k, flags[k]]));
      const overrides: Partial<SimOptions> = {
        ...pick(
          'followers',
          'streams',
          'streamsVia',
          'buyers',
          'stock',
          'drops',
          'creators',
          'perUserLimit',
          'quantityMax',
          'rate',
          'readRate',
          'arrivals',
          'closed',
          'doubleTap',
          'abandon',
          'inboxSamples',
          'connections',
          'seed',
          'waitlisters',
        ),
        holdSeconds: flags['hold'] === undefined ? undefined : Math.round((flags['hold'] as number) / 1000),
        durationMs: flags['duration'] as number | undefined,
        leadMs: flags['lead'] as number | undefined,
        staggerMs: flags['stagger'] as number | undefined,
        warmUpMs: flags['warmUp'] as number | undefined,
        settleMs: flags['settle'] as number | undefined,
        retry: Object.fromEntries(
          Object.entries({
            timeoutMs: flags['timeout'],
            retries: flags['retries'],
            baseMs: flags['backoff'],
            capMs: flags['backoffCap'],
          }).filter(([, v]) => v !== undefined),
        ) as unknown as SimOptions['retry'],
        api,
        embedded: flags.embedded === true,
        databaseUrl: flags.databaseUrl,
        outDir: flags.out,
        progress: flags.progress ? 'auto' : 'none',
      };
      const result = await runScenario({ scenario: scenario as SimOptions['scenario'], ...overrides }).catch(
        (e: unknown) => {
          if (e instanceof SimOptionsError) throw new UsageError(e.message);
          const text = e instanceof Error ? e.message : String(e);
          if (/ECONNREFUSED|refused/.test(text))
            throw new CliError(`cannot reach the Live Drops API at ${api} (${text})`, 5);
          throw e;
        },
      );
      process.stdout.write(globals.json ? `${JSON.stringify(result.report, null, 2)}\n` : `${result.table}\n`);
      if (result.report.verdict === 'fail') {
        const v = result.report.check.violations.length;
        const missed = result.report.targets.filter((t) => !t.met).length;
        const failed = new CliError(
          `sim ${scenario} failed: ${v} violation(s), ${missed} target(s) missed; see ${result.files.report}`,
        );
        failed.reported = globals.json === true; // the report on stdout is the one JSON document
        throw failed;
      }
    });
}
