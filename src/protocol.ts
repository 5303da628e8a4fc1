import type { SerializedError } from './errors.ts';

/**
 * What the parent says to a runner: call the export `name` of `module` once per entry of `calls` (each
 * entry that call's arguments), or leave once idle. A Process runs one call; `map` one call per item.
 */
export type ToRunner =
  | { readonly type: 'run'; readonly module: string; readonly name: string; readonly calls: readonly (readonly unknown[])[] }
  /** Leave when idle, with this exit code (1 after a failed task, as Python's Process does). */
  | { readonly type: 'stop'; readonly exitCode: number };

/**
 * What a runner answers, once per run: each call's value in order (`undefined` where it failed), and
 * each failed call's error by its index. Failures are rare, so they come apart from the values.
 */
export interface Answer {
  readonly values: readonly unknown[];
  readonly failures: readonly { readonly index: number; readonly error: SerializedError }[];
}

/** Given to a child whose parent reads its stdout through a pipe of its own (`onStdout`). */
export const ownStdoutFlag = '--own-stdout';
