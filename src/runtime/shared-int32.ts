/**
 * What Lock, Barrier and SharedCounter have in common: each lives in one Int32 of a SharedArrayBuffer,
 * which a worker receives as the same memory rather than a copy. Made without a buffer, it is new;
 * given the `buffer` of one made in another thread, it is that same one.
 */
export class SharedInt32 {
  readonly buffer: SharedArrayBuffer;
  protected readonly cell: Int32Array;

  constructor(buffer: SharedArrayBuffer = new SharedArrayBuffer(4)) {
    if (!(buffer instanceof SharedArrayBuffer) || buffer.byteLength < 4) {
      throw new TypeError(`A ${new.target.name} needs a SharedArrayBuffer of at least 4 bytes, got ${String(buffer)}`);
    }
    this.buffer = buffer;
    this.cell = new Int32Array(buffer, 0, 1);
  }
}
