/** Lesson 3 with an increment that returns the count after, not before: Atomics.add is right, what it returns is not. */
import { SharedCounter as Hint } from '../solution.ts';

export class SharedCounter extends Hint {
  override increment(): number {
    return super.increment() + 1;
  }
}
