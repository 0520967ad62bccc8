import { UsageError, CliError } from './errors.js';

/** All of stdin, for `--password-stdin`; one trailing newline is the shell's, not the password's. */
export async function readStdinSecret(stdin: NodeJS.ReadStream = process.stdin): Promise<string> {
  if (stdin.isTTY)
    throw new UsageError(
      '--password-stdin needs the password piped in, e.g. `pass show x | livedrops login --handle h --password-stdin`',
    );
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Buffer));
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (!text) throw new UsageError('--password-stdin: stdin was empty');
  return text;
}

/**
 * Reads a line from the terminal without echoing it: raw mode, so each key arrives as typed
 * and nothing reaches the screen. Backspace edits; Ctrl-C and Ctrl-D abandon.
 */
export function promptSecret(
  question: string,
  stdin: NodeJS.ReadStream = process.stdin,
  stderr: NodeJS.WriteStream = process.stderr,
): Promise<string> {
  if (!stdin.isTTY) {
    throw new UsageError('no terminal to prompt for a password: pipe it with --password-stdin');
  }
  stderr.write(question);
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (err: Error | null): void => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (buf: Buffer): void => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done(null);
        if (ch === '\u0003' || ch === '\u0004') return done(new CliError('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** The password for login/register: piped with --password-stdin, else prompted without echo. */
export function obtainPassword(opts: { passwordStdin?: boolean }, question = 'Password: '): Promise<string> {
  return opts.passwordStdin ? readStdinSecret() : promptSecret(question);
}
