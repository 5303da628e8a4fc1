/** Lesson 3 with a value read from the cell once, the first time it is asked, and kept: read again after others counted, it is stale. */
import { SharedCounter as Hint } from '../solution.ts';

export class SharedCounter extends Hint {
  #seen: number | undefined;

  override get value(): number {
    this.#seen ??= super.value;
    return this.#seen;
  }
}
