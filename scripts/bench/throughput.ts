/** Throughput on trivial tasks, ours vs piscina, tinypool, chunking and a process per task: a pool's own cost, all there is to pay. */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { Tinypool } from 'tinypool';
import { type MapOptions, Pool } from '../../src/pool.ts';
import { Process } from '../../src/process.ts';
import { ThreadPool } from '../../src/thread-pool.ts';
import { perSecond, rate } from './format.ts';
import { median, sequence, side, timed } from './measure.ts';
import { measuring } from './progress.ts';
import type { Facts } from './reading.ts';
import type { Table } from './table.ts';
import { noopTask, tasksModule } from './tasks.ts';

const items = (count: number) => Array.from({ length: count }, (_, i) => i);

/** A pool that has started all its runners: start-up is measured elsewhere. */
export async function warm<P extends Pool | ThreadPool>(pool: P): Promise<P> {
  await pool.map(noopTask, items(pool.size * 4));
  return pool;
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

/** The section: our ThreadPool against piscina and tinypool, chunked against not, Pool against ThreadPool, and a pool against a process per task. */
export async function throughputSection(table: Table, runs: number): Promise<Facts> {
  const add = table.section('throughput on 10,000 trivial tasks');
  const size = availableParallelism();
  const count = 10_000;
  const against = (name: string) => `ThreadPool(${size}) map, chunksize 1 vs ${name}`;
  measuring(against('piscina'));
  const [ours, piscina] = await side(
    runs,
    () => ourMap(() => new ThreadPool(size), count),
    () => piscinaMap(size, count),
  );
  measuring(against('tinypool'));
  const [ours2, tinypool] = await side(
    runs,
    () => ourMap(() => new ThreadPool(size), count),
    () => tinypoolMap(size, count),
  );
  const oursRate = perSecond(count, median([ours, ours2]));
  const vs = (name: string, theirs: number) => {
    const ratio = oursRate / perSecond(count, theirs);
    add({
      label: against(name),
      a: rate(oursRate),
      b: rate(perSecond(count, theirs)),
      ratio: `${ratio.toFixed(2)}×`,
      target: { text: `ThreadPool ≥ ${name}`, met: ratio >= 1 },
    });
  };
  vs('piscina', piscina);
  vs('tinypool', tinypool);
  const chunking = "ThreadPool map, chunksize 'auto' (Python's) vs 1";
  measuring(chunking);
  const [chunked, one] = await side(
    runs,
    () => ourMap(() => new ThreadPool(size), count, { chunksize: 'auto' }),
    () => ourMap(() => new ThreadPool(size), count),
  );
  add({
    label: chunking,
    a: rate(perSecond(count, chunked)),
    b: rate(perSecond(count, one)),
    ratio: `${(one / chunked).toFixed(1)}×`,
  });
  const poolVsThreads = `Pool(${size}) vs ThreadPool(${size}), chunksize 1`;
  measuring(poolVsThreads);
  const [pool, threads] = await side(
    runs,
    () => ourMap(() => new Pool(size), count),
    () => ourMap(() => new ThreadPool(size), count),
  );
  add({
    label: poolVsThreads,
    a: rate(perSecond(count, pool)),
    b: rate(perSecond(count, threads)),
    ratio: `${(threads / pool).toFixed(2)}×`,
  });
  // A process per task is far too slow for 10,000: its rate is measured on 100 and compared as a rate.
  const perTask = `Pool(${size}) vs a process per task (100 tasks, ${size} at a time)`;
  measuring(perTask);
  const spawned = median(await sequence(3, () => processPerTask(size, 100)));
  const poolRate = perSecond(count, pool);
  const spawnRate = perSecond(100, spawned);
  add({
    label: perTask,
    a: rate(poolRate),
    b: rate(spawnRate),
    ratio: `${(poolRate / spawnRate).toFixed(0)}×`,
  });
  return { chunking: one / chunked, amortised: poolRate / spawnRate };
}
