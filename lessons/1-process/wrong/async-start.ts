/**
 * Lesson 1 with an async start() that awaits the child: it still returns (a promise) at once, but when the
 * task throws, that promise rejects and nobody awaits it: the program dies of it, though it caught join's rejection.
 */
import { Process as Hint } from '../solution.ts';

export class Process<Args extends unknown[] = unknown[]> extends Hint<Args> {
  override async start(): Promise<void> {
    super.start();
    await this.join();
  }
}
