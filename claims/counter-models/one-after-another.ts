/**
 * A start that waits for the previous one to finish: Python's `p.run()` where `p.start()` was meant.
 * Every process or thread still runs, and join still waits; they just never run at the same time.
 */
import type { RunnableBase } from '../properties/runnables.ts';

let previous: Promise<unknown> = Promise.resolve();

export function oneAfterAnother<Base extends RunnableBase>(base: Base) {
  class OneAfterAnother extends base {
    #turn: Promise<void> | undefined;

    override start(): void {
      this.#turn = previous.then(() => {
        super.start();
        return super.join();
      });
      previous = this.#turn.catch(() => {});
    }

    override join(): Promise<void> {
      return this.#turn ?? super.join();
    }
  }
  return OneAfterAnother;
}

/** Resolves once every start queued so far has run its course, so that a spec can leave nothing behind. */
export async function drained(): Promise<void> {
  for (let seen = previous; ; seen = previous) {
    await seen;
    if (seen === previous) return;
  }
}
