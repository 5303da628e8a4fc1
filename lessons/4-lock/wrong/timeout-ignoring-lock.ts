/** Lesson 4 with an acquire that ignores its timeout: a thread calling acquire(50) on a held lock waits on, for ever if need be. */
import { Lock as Hint } from '../solution.ts';

export class Lock extends Hint {
  override acquire(_timeoutMs = Number.POSITIVE_INFINITY): void {
    super.acquire();
  }
}
