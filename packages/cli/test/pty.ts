import { spawn, spawnSync } from 'node:child_process';
import { CLI, type Run } from './cli-process.js';

/** util-linux `script` gives the CLI a real pseudo-terminal; without it the TTY specs skip. */
export const HAS_SCRIPT = spawnSync('script', ['--version'], { stdio: 'ignore' }).status === 0;

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Runs the CLI on a pseudo-terminal (stdout, stderr and stdin are all the terminal, merged).
 * `answers` are typed in turn, each once its prompt has appeared on the screen.
 */
export function runInPty(
  args: string[],
  env: NodeJS.ProcessEnv,
  answers: [prompt: string, text: string][] = [],
  timeoutMs = 15_000,
): Promise<Run> {
  // `exec`: the CLI must be script's own child. A shell that stays in between (dash, which CI's
  // `script` runs when SHELL is unset) would itself die of the Ctrl-C and report 130.
  const command = `exec ${[process.execPath, CLI, ...args].map(quote).join(' ')}`;
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      env: { ...process.env, SHELL: '/bin/sh', COLUMNS: '120', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let next = 0;
    let from = 0; // each prompt is looked for after the previous one
    child.stdout.on('data', (d) => {
      stdout += d;
      const a = answers[next];
      const at = a ? stdout.indexOf(a[0], from) : -1;
      if (a && at !== -1) {
        next++;
        from = at + a[0].length;
        // A beat for raw mode to be switched on before typing, or the terminal would echo.
        setTimeout(() => child.stdin.write(a[1]), 150);
      }
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`pty run timed out: ${stdout}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ code, stdout, stderr: '' });
    });
  });
}
