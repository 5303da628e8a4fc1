/** Round trip, one trivial task on a warm pool of one, process IPC vs postMessage: the price of a single message each way. */
import { Pool } from '../../src/pool.ts';
import { ThreadPool } from '../../src/thread-pool.ts';
import { side, timed } from './measure.ts';
import { measuring } from './progress.ts';
import type { Facts } from './reading.ts';
import type { Table } from './table.ts';
import { noopTask } from './tasks.ts';
import { warm } from './throughput.ts';

/** Microseconds per round trip: one trivial task at a time on a warm pool of one. */
async function roundTrip(make: () => Pool | ThreadPool, count = 1_000): Promise<number> {
  const ms = await timed(
    () => warm(make()),
    async (pool) => {
      for (let i = 0; i < count; i++) await pool.map(noopTask, [i]);
    },
    (pool) => pool.terminate(),
  );
  return (ms * 1000) / count;
}

/** The section: three runs each, whatever `--runs` says, as each run is already the mean of a thousand trips. */
export async function roundTripSection(table: Table): Promise<Facts> {
  const add = table.section('round trip');
  const label = 'one trivial task, warm pool of one: process IPC vs postMessage';
  measuring(label);
  const [ipc, post] = await side(
    3,
    () => roundTrip(() => new Pool(1)),
    () => roundTrip(() => new ThreadPool(1)),
  );
  add({
    label,
    a: `${ipc.toFixed(0)} µs`,
    b: `${post.toFixed(0)} µs`,
    ratio: `${(ipc / post).toFixed(2)}×`,
  });
  return {};
}
