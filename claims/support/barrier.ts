import { SharedInt32 } from '../../src/runtime/shared-int32.ts';

/**
 * A barrier in shared memory: `arrive` blocks each thread until `parties` have arrived. The specs and the tour use it
 * to arrange interleavings that would otherwise be left to chance.
 */
export class Barrier extends SharedInt32 {
  arrive(parties: number, timeoutMs = 20_000): void {
    Atomics.add(this.cell, 0, 1);
    Atomics.notify(this.cell, 0);
    const deadline = performance.now() + timeoutMs;
    for (let arrived = Atomics.load(this.cell, 0); arrived < parties; arrived = Atomics.load(this.cell, 0)) {
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`Barrier: only ${arrived} of ${parties} arrived within ${timeoutMs} ms`);
      Atomics.wait(this.cell, 0, arrived, left);
    }
  }
}
