/** Lesson 3 with a count kept in a private number and stored into the shared cell: each thread counts on its own number. */
import { SharedCounter as Hint } from '../solution.ts';

export class SharedCounter extends Hint {
  readonly #cell = new Int32Array(this.buffer, 0, 1);
  #count = 0;

  override increment(): number {
    const before = this.#count;
    this.#count += 1;
    Atomics.store(this.#cell, 0, this.#count);
    return before;
  }
}
