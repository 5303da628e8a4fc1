/**
 * A counter that threads really share: it lives in a SharedArrayBuffer, which a worker receives as the
 * same memory rather than a copy. `increment` is one atomic step, so no increment is ever lost.
 */
export class SharedCounter {
  readonly buffer: SharedArrayBuffer;
  readonly #cell: Int32Array;

  constructor(buffer: SharedArrayBuffer = new SharedArrayBuffer(4)) {
    if (!(buffer instanceof SharedArrayBuffer) || buffer.byteLength < 4) {
      throw new TypeError(`A SharedCounter needs a SharedArrayBuffer of at least 4 bytes, got ${String(buffer)}`);
    }
    this.buffer = buffer;
    this.#cell = new Int32Array(buffer, 0, 1);
  }

  get value(): number {
    return Atomics.load(this.#cell, 0);
  }

  /** Adds one and returns the value before: a ticket no other thread can also get. */
  increment(): number {
    return Atomics.add(this.#cell, 0, 1);
  }
}
