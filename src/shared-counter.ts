import { SharedInt32 } from './runtime/shared-int32.ts';

/**
 * A counter that threads really share: it lives in a SharedArrayBuffer, which a worker receives as the
 * same memory rather than a copy. `increment` is one atomic step, so no increment is ever lost.
 */
export class SharedCounter extends SharedInt32 {
  get value(): number {
    return Atomics.load(this.cell, 0);
  }

  /** Adds one and returns the value before: a ticket no other thread can also get. */
  increment(): number {
    return Atomics.add(this.cell, 0, 1);
  }
}
