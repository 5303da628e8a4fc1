import type { SerializedError } from './errors.ts';

/** What the parent says to a runner. */
export type ToRunner =
  | { readonly type: 'run'; readonly id: number; readonly module: string; readonly name: string; readonly args: readonly unknown[] }
  /** Leave when idle, with this exit code (1 after a failed task, as Python's Process does). */
  | { readonly type: 'stop'; readonly exitCode: number };

/** What a runner answers, once per run. */
export type FromRunner =
  | { readonly type: 'done'; readonly id: number; readonly value: unknown }
  | { readonly type: 'failed'; readonly id: number; readonly error: SerializedError };
