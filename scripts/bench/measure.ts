/** Timing helpers: every figure the bench prints is the median of several runs measured in this one process. */

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
