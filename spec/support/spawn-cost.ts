import { Process } from '../../src/process.ts';
import { whoAmITask } from '../tasks/rendezvous.ts';

let measured: Promise<number> | undefined;

/**
 * How long starting and joining one trivial child takes here and now: the slowest of three tries,
 * measured once per spec file. The quantitative halves of the process claims allow for this cost,
 * measured under the same load they run in.
 */
export function spawnCost(): Promise<number> {
  measured ??= (async () => {
    let slowest = 0;
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const child = new Process(whoAmITask, [undefined]);
      child.start();
      await child.join();
      slowest = Math.max(slowest, performance.now() - started);
    }
    return slowest;
  })();
  return measured;
}

/** The default rendezvous bound: far above what starting any child costs here, even under load. */
export async function defaultBoundMs(): Promise<number> {
  return 20 * (await spawnCost()) + 5_000;
}
