/** Returns what it was given: what crossed to the runner, and back. */
import { taskRef } from '../../src/runtime/task.ts';

export function echo(value: unknown): unknown {
  return value;
}

export const echoTask = taskRef<typeof echo>(import.meta.url, 'echo');
