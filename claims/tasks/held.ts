/** A task held at the rendezvous until the spec lets it go, however long that is: then it does what its act says. */
import { taskRef } from '../../src/runtime/task.ts';
import { type Act, perform } from './faults.ts';
import { meet } from './rendezvous.ts';

/** Says "started" to the coordinator at `address` as `id`, waits for "go", then performs `act`. */
export async function heldThenPerform(act: Act, id: string, address: string): Promise<unknown> {
  const ended = await meet(address, id);
  await ended();
  return perform(act);
}

export const heldThenPerformTask = taskRef<typeof heldThenPerform>(import.meta.url, 'heldThenPerform');
