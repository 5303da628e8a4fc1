/** A join that returns at once, without waiting for the process or thread to end. */
import type { RunnableBase } from '../properties/runnables.ts';

export function joinAtOnce<Base extends RunnableBase>(base: Base) {
  class JoinAtOnce extends base {
    override join(): Promise<void> {
      return Promise.resolve();
    }
  }
  return JoinAtOnce;
}
