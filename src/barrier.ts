/**
 * A barrier in shared memory: `arrive` blocks each thread until `parties` have arrived. The specs and the tour use it
 * to arrange interleavings that would otherwise be left to chance.
 */
export class Barrier {
  readonly buffer: SharedArrayBuffer;
  readonly #arrived: Int32Array;

  constructor(buffer: SharedArrayBuffer = new SharedArrayBuffer(4)) {
    if (!(buffer instanceof SharedArrayBuffer) || buffer.byteLength < 4) {
      throw new TypeError(`A Barrier needs a SharedArrayBuffer of at least 4 bytes, got ${String(buffer)}`);
    }
    this.buffer = buffer;
    this.#arrived = new Int32Array(buffer, 0, 1);
  }

  arrive(parties: number, timeoutMs = 20_000): void {
    Atomics.add(this.#arrived, 0, 1);
    Atomics.notify(this.#arrived, 0);
    const deadline = performance.now() + timeoutMs;
    for (let arrived = Atomics.load(this.#arrived, 0); arrived < parties; arrived = Atomics.load(this.#arrived, 0)) {
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`Barrier: only ${arrived} of ${parties} arrived within ${timeoutMs} ms`);
      Atomics.wait(this.#arrived, 0, arrived, left);
    }
  }
}
