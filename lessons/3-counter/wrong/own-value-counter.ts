/** Lesson 3 with increments added in the shared cell, but a value counted by this object alone: another counter over the buffer, or another thread, sees another count. */
import { SharedCounter as Hint } from '../solution.ts';

export class SharedCounter extends Hint {
  #mine = 0;

  override get value(): number {
    return this.#mine;
  }

  override increment(): number {
    this.#mine += 1;
    return super.increment();
  }
}
