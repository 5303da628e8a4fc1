import { Process } from '../../src/process.ts';
import { whoAmITask } from '../tasks/rendezvous.ts';

/**
 * How long starting and joining one trivial child takes here and now: the slowest of a few tries. The
 * quantitative halves of the process claims allow for this cost, measured under the same load they run in.
 */
export async function measureSpawnCost(tries = 3): Promise<number> {
  let slowest = 0;
  for (let i = 0; i < tries; i++) {
    const started = performance.now();
    const child = new Process(whoAmITask, []);
    child.start();
    await child.join();
    slowest = Math.max(slowest, performance.now() - started);
  }
  return slowest;
}
