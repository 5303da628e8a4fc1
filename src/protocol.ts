import type { SerializedError } from './errors.ts';

/** What the parent says to a runner. */
export type ToRunner =
  | { readonly type: 'run'; readonly id: number; readonly module: string; readonly name: string; readonly args: readonly unknown[] }
  /** `map` with a chunksize: call the task once per item, and answer once for the whole chunk. */
  | { readonly type: 'chunk'; readonly id: number; readonly module: string; readonly name: string; readonly items: readonly unknown[] }
  /** Leave when idle, with this exit code (1 after a failed task, as Python's Process does). */
  | { readonly type: 'stop'; readonly exitCode: number };

/** An item of a chunk that failed, by its place in the chunk. */
export interface ItemFailure {
  readonly offset: number;
  readonly error: SerializedError;
}

/** What a runner answers, once per run or chunk. */
export type FromRunner =
  | { readonly type: 'done'; readonly id: number; readonly value: unknown }
  /** Each item's value in order, `undefined` where it failed; failures are rare, so they come apart. */
  | { readonly type: 'chunk-done'; readonly id: number; readonly values: readonly unknown[]; readonly failures: readonly ItemFailure[] }
  /** The run failed, or the whole chunk did (its task could not be loaded, or an error escaped it). */
  | { readonly type: 'failed'; readonly id: number; readonly error: SerializedError };
