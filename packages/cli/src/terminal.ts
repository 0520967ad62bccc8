import type { Stream } from './output.js';

const ESC = '\x1b[';
export const HIDE_CURSOR = `${ESC}?25l`;
export const SHOW_CURSOR = `${ESC}?25h`;
const CLEAR_LINE = `${ESC}2K`;
const CLEAR_BELOW = `${ESC}J`;
const up = (n: number): string => (n > 0 ? `${ESC}${n}A` : '');

/**
 * A block of lines at the bottom of a terminal, redrawn in place: the cursor goes back up
 * over the previous frame and each line is cleared and rewritten, so nothing scrolls.
 * `log` prints a permanent line above the block (notifications), then redraws the block.
 * Lines wider than the terminal would wrap and break the count, so they are cut to fit.
 */
export class LiveRegion {
  private height = 0;
  private frame: string[] = [];
  private cursorHidden = false;

  constructor(private readonly out: Stream & { columns?: number }) {}

  render(lines: string[]): void {
    if (!this.cursorHidden) {
      this.out.write(HIDE_CURSOR);
      this.cursorHidden = true;
    }
    this.frame = lines;
    // Clear below too: a shorter frame must not leave the old one's last lines behind.
    this.out.write(this.erase() + lines.map((l) => `${CLEAR_LINE}${this.fit(l)}\n`).join('') + CLEAR_BELOW);
    this.height = lines.length;
  }

  log(line: string): void {
    this.out.write(`${this.erase()}${CLEAR_LINE}${line}\n`);
    this.height = 0;
    this.render(this.frame);
  }

  /** Leaves the last frame on screen and gives the cursor back; safe to call twice. */
  close(): void {
    if (this.cursorHidden) this.out.write(SHOW_CURSOR);
    this.cursorHidden = false;
  }

  private erase(): string {
    return `\r${up(this.height)}`;
  }

  private fit(line: string): string {
    const width = this.out.columns ?? 0;
    if (width <= 1) return line;
    // Cut by visible characters, keeping escape sequences (they take no room).
    let visible = 0;
    let result = '';
    for (const part of line.split(/(\x1b\[[0-9;?]*[A-Za-z])/)) {
      if (part.startsWith('\x1b[')) {
        result += part;
        continue;
      }
      for (const ch of part) {
        if (visible >= width - 1) return `${result}${ESC}0m`;
        result += ch;
        visible++;
      }
    }
    return result;
  }
}
