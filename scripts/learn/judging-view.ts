/**
 * What a learner sees while a lesson is judged, so that the screen is never silent: each check as it
 * starts and ends and, on a terminal, the case under way with the seconds it has taken, redrawn every
 * second on one line; in a pipe, one line for each check that ends.
 */
import process from 'node:process';
import type { Progress } from '../../lessons/judge.ts';
import { dim, green, red } from './screens.ts';

interface Running {
  readonly check: string;
  readonly since: number;
  passed: number;
  of: number | undefined;
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

export class JudgingView {
  readonly #terminal: boolean;
  readonly #write: (text: string) => void;
  /** False once a newer judging owns the screen (a save in watch mode): this one then says nothing more. */
  readonly #shown: () => boolean;
  readonly #running = new Map<number | string, Running>();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    title: string,
    shown: () => boolean,
    terminal = process.stdout.isTTY === true,
    write: (text: string) => void = (text) => process.stdout.write(text),
  ) {
    this.#terminal = terminal;
    this.#write = write;
    this.#shown = shown;
    this.#write(`${dim(`Judging ${title}`)}\n`);
    if (terminal) this.#timer = setInterval(() => this.#draw(), 1_000).unref();
  }

  told(progress: Progress): void {
    if (!this.#shown()) {
      this.end(false);
      return;
    }
    const { check } = progress;
    // Two checks of one claim may run at once, in two lanes: each is told apart by its place in the lesson.
    const key = progress.index ?? check;
    if (progress.state === 'started') this.#running.set(key, { check, since: performance.now(), passed: 0, of: progress.of });
    const running = this.#running.get(key);
    if (running === undefined) return;
    if (progress.state === 'case') running.passed = progress.passed;
    if (progress.state === 'held' || progress.state === 'failed') {
      this.#running.delete(key);
      const mark = progress.state === 'held' ? green('✓') : red('✗');
      this.#clear();
      this.#write(`  ${mark} ${check} ${dim(`(${seconds(running.since)})`)}\n`);
    }
    this.#draw();
  }

  /** The checks under way, on the line the next check's end or the verdict takes. */
  #draw(): void {
    if (!this.#terminal) return;
    if (!this.#shown()) {
      this.end(false);
      return;
    }
    const line = [...this.#running.values()].map(({ check, since, passed, of }) => {
      // Where it is comes first: a long check's name is what the terminal's width cuts.
      const at = of === undefined ? '' : `case ${Math.min(passed + 1, of)} of ${of}, `;
      return `… ${at}${seconds(since)}: ${check}`;
    });
    // Each check under way (one a lane) gets its share of the line, so that a long name never hides the other.
    const width = (process.stdout.columns ?? 100) - 3;
    const share = Math.floor((width - 2 * (line.length - 1)) / Math.max(line.length, 1));
    const text = line.map((each) => (each.length > share ? `${each.slice(0, share - 1)}…` : each)).join('  ');
    this.#write(`\r\x1b[K  ${dim(text)}`);
  }

  #clear(): void {
    if (this.#terminal) this.#write('\r\x1b[K');
  }

  /** The verdict is next (its line is cleared for it), or a newer judging took the screen (`clear` false): nothing more is drawn. */
  end(clear = true): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    if (clear) this.#clear();
    this.#running.clear();
  }
}
