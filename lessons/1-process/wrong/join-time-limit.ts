/**
 * Lesson 1 with a join() that gives up after 10 s, so that a child that hangs cannot hang the program:
 * every child the claims start ends sooner, but a child may rightly live longer than any limit join() sets.
 */
import { Process as Hint } from '../solution.ts';

export class Process<Args extends unknown[] = unknown[]> extends Hint<Args> {
  override async join(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('join() gave up after 10 s')), 10_000);
    });
    try {
      await Promise.race([super.join(), limit]);
    } finally {
      clearTimeout(timer);
    }
  }
}
