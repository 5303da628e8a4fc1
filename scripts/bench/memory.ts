/** Memory: what one idle child process holds, against what each idle worker thread adds to its process. */
import { Pool } from '../../src/pool.ts';
import { ThreadPool } from '../../src/thread-pool.ts';
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
