/** Conventions of clig.dev: data on stdout, messages on stderr, colour only for people. */

export interface Stream {
  write(text: string): unknown;
  isTTY?: boolean;
}

/**
 * Colour only on a terminal, and never with NO_COLOR (no-color.org: any non-empty value),
 * TERM=dumb or --no-color: escape codes are noise in files, pipes and screen readers.
 */
export function colourAllowed(stream: Stream, env: NodeJS.ProcessEnv, flag = true): boolean {
  return flag && stream.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
}

export type Paint = (text: string) => string;
export interface Palette {
  bold: Paint;
  dim: Paint;
  red: Paint;
  green: Paint;
  yellow: Paint;
  cyan: Paint;
}

const sgr =
  (open: number, close: number): Paint =>
  (t) =>
    `\x1b[${open}m${t}\x1b[${close}m`;
const plain: Paint = (t) => t;

export function palette(enabled: boolean): Palette {
  if (!enabled) return { bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain };
  return {
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
  };
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
export const visibleWidth = (s: string): number => [...s.replace(ANSI, '')].length;

export interface Output {
  readonly json: boolean;
  /** Colours for what goes to stdout, decided for stdout. */
  readonly c: Palette;
  /** Colours for stderr messages, decided for stderr. */
  readonly ce: Palette;
  readonly stdout: Stream;
  readonly stderr: Stream;
  /** A line of data (stdout). */
  line(text?: string): void;
  /** A message or progress note for the person (stderr), never parsed by scripts. */
  note(text: string): void;
  /** The stable machine form: one JSON document on stdout. */
  printJson(value: unknown): void;
  /** Human aligned columns; headers dimmed on a terminal. */
  table(headers: string[], rows: string[][]): void;
}

export function createOutput(
  opts: { json: boolean; color: boolean },
  env = process.env,
  stdout: Stream = process.stdout,
  stderr: Stream = process.stderr,
): Output {
  const c = palette(colourAllowed(stdout, env, opts.color));
  const ce = palette(colourAllowed(stderr, env, opts.color));
  return {
    json: opts.json,
    c,
    ce,
    stdout,
    stderr,
    line: (text = '') => stdout.write(`${text}\n`),
    note: (text) => stderr.write(`${text}\n`),
    printJson: (value) => stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    table(headers, rows) {
      if (rows.length === 0) return;
      const widths = headers.map((h, i) => Math.max(visibleWidth(h), ...rows.map((r) => visibleWidth(r[i] ?? ''))));
      const fmt = (cells: string[]): string =>
        cells
          .map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat(widths[i]! - visibleWidth(cell))))
          .join('  ')
          .trimEnd();
      stdout.write(`${c.dim(fmt(headers))}\n`);
      for (const r of rows) stdout.write(`${fmt(r)}\n`);
    },
  };
}

/** The "Example:" block every command's --help ends with (clig.dev: lead with examples). */
export function example(...lines: string[]): string {
  return `\nExample${lines.length > 1 ? 's' : ''}:\n${lines.map((l) => `  $ ${l}`).join('\n')}`;
}
