/** A second task module that exports a function of the same name as one in faults.ts. */
import { taskRef } from '../../src/task.ts';

export function perform(_item: unknown): string {
  return 'the perform of another module';
}

export const anotherPerformTask = taskRef<typeof perform>(import.meta.url, 'perform');
