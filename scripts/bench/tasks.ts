/** References to the bench's trivial tasks (tasks.mjs), for our pools. */
import { taskRef } from '../../src/runtime/task.ts';

export const tasksModule = new URL('./tasks.mjs', import.meta.url);
export const noopTask = taskRef<(item: number) => number>(tasksModule, 'noop');
export const rssTask = taskRef<(item: number) => number>(tasksModule, 'rss');
