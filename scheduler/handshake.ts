/**
 * How the scheduler and a judged thread hand the turn to each other, on one Int32 of the thread's slot:
 * a side hands over by storing the other's next state and notifying; the other waits *while* the cell
 * still holds the state it left. The loop is the point: `Atomics.wait` returns on any notify without
 * reading the cell again, and a notify can arrive late, after its store has already let the waiter go on
 * and wait again for its next turn. A single wait would then take a step nobody chose.
 *
 * `atomics` is passed in: in a judged thread, the global `Atomics` is the scheduled one.
 */
export function handOver(atomics: typeof Atomics, ints: Int32Array, index: number, value: number): void {
  atomics.store(ints, index, value);
  atomics.notify(ints, index);
}

/**
 * Waits while `ints[index]` holds `value`, at most `timeoutMs`; false if it still holds it then. Without a
 * timeout it never reads the clock: in a judged thread, performance.now is the scheduler's, and counted.
 */
export function waitWhile(atomics: typeof Atomics, ints: Int32Array, index: number, value: number, timeoutMs = Number.POSITIVE_INFINITY): boolean {
  const timed = Number.isFinite(timeoutMs);
  const deadline = timed ? performance.now() + timeoutMs : timeoutMs;
  while (atomics.load(ints, index) === value) {
    const left = timed ? deadline - performance.now() : timeoutMs;
    if (left <= 0) return false;
    atomics.wait(ints, index, value, left);
  }
  return true;
}

/** A handshake's wait, as the scheduler's options name one (its module's URL and export) to test another. */
export type WaitWhile = typeof waitWhile;
