import type { SerializedError } from './errors.ts';

/**
 * The calls of one run: `task(item)` for each item (a map's chunk), or, when `spread`, `task(...item)`
 * (a Process's one call, whose item is its args). Items travel as they are, not each wrapped in an
 * array: a chunk of numbers crosses as one array of numbers.
 */
export interface Calls {
  readonly items: readonly unknown[];
  readonly spread: boolean;
}

/** The arguments of call `index`. */
export function argsOf({ items, spread }: Calls, index: number): unknown[] {
  return spread ? (items[index] as unknown[]) : [items[index]];
}

/**
 * What the parent says to a runner: call the export `name` of `module` once per item, or leave once
 * idle. A Process runs one call; `map` one call per item.
 */
export type ToRunner =
  | ({ readonly type: 'run'; readonly module: string; readonly name: string } & Calls)
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

/** Given to a child whose parent reads its stdout through a pipe of its own (`onStdout`), as `--own-stdout=<nonce>`: see own-output.ts. */
export const ownStdoutFlag = '--own-stdout';
