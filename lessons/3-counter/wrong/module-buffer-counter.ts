/** Lesson 3 with one default buffer for the whole module, made once "so that counters share": two new SharedCounter()s are one counter. */
const shared = new SharedArrayBuffer(4);

export class SharedCounter {
  readonly buffer: SharedArrayBuffer;
  readonly #cell: Int32Array;

  constructor(buffer: SharedArrayBuffer = shared) {
    this.buffer = buffer;
    this.#cell = new Int32Array(this.buffer, 0, 1);
  }

  get value(): number {
    return Atomics.load(this.#cell, 0);
  }

  increment(): number {
    return Atomics.add(this.#cell, 0, 1);
  }
}
