/**
 * Round trips and throughput on trivial tasks, where a pool's own cost is all there is to measure: our
 * pools (one item per message, or chunked as Python chunks), piscina and tinypool, and a process per task.
 */
import { Piscina } from 'piscina';
import { Tinypool } from 'tinypool';
import type { MapOptions, Pool } from '../../src/pool.ts';
import { Process } from '../../src/process.ts';
import type { ThreadPool } from '../../src/thread-pool.ts';
import { timed } from './measure.ts';
import { noopTask, tasksModule } from './tasks.ts';

const items = (count: number) => Array.from({ length: count }, (_, i) => i);

/** A pool that has started all its runners: start-up is measured elsewhere. */
async function warm<P extends Pool | ThreadPool>(pool: P): Promise<P> {
  await pool.map(noopTask, items(pool.size * 4));
  return pool;
}

/** Microseconds per round trip: one trivial task at a time on a warm pool of one. */
export async function roundTrip(make: () => Pool | ThreadPool, count = 1_000): Promise<number> {
  const ms = await timed(
    () => warm(make()),
    async (pool) => {
      for (let i = 0; i < count; i++) await pool.map(noopTask, [i]);
    },
    (pool) => pool.terminate(),
  );
  return (ms * 1000) / count;
}

/** Milliseconds for `map` over `count` trivial items on a warm pool. */
export function ourMap(make: () => Pool | ThreadPool, count: number, options: MapOptions = {}): Promise<number> {
  return timed(
    () => warm(make()),
    (pool) => pool.map(noopTask, items(count), options),
    (pool) => pool.terminate(),
  );
}

/** What piscina and tinypool have in common: one `run` per task, and `destroy`. */
interface ThreadLibrary {
  run(item: number): Promise<unknown>;
  destroy(): Promise<unknown>;
}

/** Milliseconds for `count` trivial tasks on a warm pool of another library, one `run` each, all submitted at once. */
function libraryMap(make: () => ThreadLibrary, size: number, count: number): Promise<number> {
  return timed(
    async () => {
      const pool = make();
      await Promise.all(items(size * 4).map((item) => pool.run(item)));
      return pool;
    },
    (pool) => Promise.all(items(count).map((item) => pool.run(item))),
    (pool) => pool.destroy(),
  );
}

export function piscinaMap(size: number, count: number): Promise<number> {
  return libraryMap(() => new Piscina({ filename: tasksModule.href, minThreads: size, maxThreads: size }), size, count);
}

export function tinypoolMap(size: number, count: number): Promise<number> {
  return libraryMap(() => new Tinypool({ filename: tasksModule.href, minThreads: size, maxThreads: size }), size, count);
}

/** Milliseconds for `count` trivial tasks, each in a process of its own, `size` at a time. */
export function processPerTask(size: number, count: number): Promise<number> {
  return timed(
    () => undefined,
    async () => {
      let next = 0;
      const lane = async () => {
        while (next < count) {
          const child = new Process(noopTask, [next++]);
          child.start();
          await child.join();
        }
      };
      await Promise.all(Array.from({ length: size }, lane));
    },
    async () => {},
  );
}
