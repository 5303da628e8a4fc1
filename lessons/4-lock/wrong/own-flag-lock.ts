/** Lesson 4 with a release that checks a field of this Lock object, not the shared cell: the holder releasing through another Lock over the same buffer is refused. */
import { Lock as Hint } from '../solution.ts';

export class Lock extends Hint {
  #taken = false;

  override acquire(timeoutMs = Number.POSITIVE_INFINITY): void {
    super.acquire(timeoutMs);
    this.#taken = true;
  }

  override release(): void {
    if (!this.#taken) throw new Error('this Lock was not taken');
    this.#taken = false;
    super.release();
  }
}
