/** Memory, what an idle child process holds vs what an idle worker adds: a process is a whole Node, a thread shares one. */
import { Pool } from '../../src/pool.ts';
import { ThreadPool } from '../../src/thread-pool.ts';
import { mb } from './format.ts';
import { median, sequence } from './measure.ts';
import { measuring } from './progress.ts';
import type { Facts } from './reading.ts';
import type { Table } from './table.ts';
import { noopTask, rssTask } from './tasks.ts';

/** The resident set of a child that has started and run one trivial task, as the child itself reports it. */
export async function childRss(): Promise<number> {
  const pool = new Pool(1);
  try {
    const [rss] = await pool.map(rssTask, [0]);
    return rss as number;
  } finally {
    await pool.terminate();
  }
}

/** How much this process's resident set grows per worker, with `count` workers started and idle. */
export async function rssPerWorker(count = 8): Promise<number> {
  const before = process.memoryUsage().rss;
  // `count` items on a pool of `count`: each item starts a worker of its own, and all stay, idle, after map.
  const pool = new ThreadPool(count);
  try {
    await pool.map(
      noopTask,
      Array.from({ length: count }, (_, i) => i),
    );
    return (process.memoryUsage().rss - before) / count;
  } finally {
    await pool.terminate();
  }
}

/** The section: medians of `runs` children, and of three pools of eight idle workers. */
export async function memorySection(table: Table, runs: number): Promise<Facts> {
  const add = table.section('memory');
  const label = 'RSS of an idle child process vs RSS each idle worker adds';
  measuring(`${label}: the child`);
  const child = median(await sequence(runs, childRss));
  measuring(`${label}: the workers`);
  const worker = median(await sequence(3, () => rssPerWorker(8)));
  add({ label, a: mb(child), b: mb(worker), ratio: `${(child / worker).toFixed(1)}×` });
  return { memory: [child, worker] };
}
