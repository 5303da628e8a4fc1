/** Timing helpers: every figure the bench prints is the median of several runs measured in this one process. */
import { run } from './progress.ts';

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Milliseconds `run` takes; `setup` and `teardown` are not timed. */
export async function timed<T>(
  setup: () => Promise<T> | T,
  run: (context: T) => Promise<unknown>,
  teardown: (context: T) => Promise<unknown>,
): Promise<number> {
  const context = await setup();
  try {
    const began = performance.now();
    await run(context);
    return performance.now() - began;
  } finally {
    await teardown(context);
  }
}

/** Medians of `a` and `b`, measured alternately `n` times each, so that drift in the machine's load hits both. */
export async function side(n: number, a: () => Promise<number>, b: () => Promise<number>): Promise<[number, number]> {
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < n; i++) {
    run(i + 1, n);
    as.push(await a());
    bs.push(await b());
  }
  return [median(as), median(bs)];
}

/** `n` measures, one after another: never two at once, so that one does not load the machine for the other. */
export async function sequence(n: number, measure: () => Promise<number>): Promise<number[]> {
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    run(i + 1, n);
    values.push(await measure());
  }
  return values;
}
