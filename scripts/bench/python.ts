/** Our `Pool.map` vs Python's `multiprocessing.Pool.map`, when `python3` is on the PATH: the tutorial's own yardstick. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { MapOptions } from '../../src/pool.ts';
import { Pool } from '../../src/pool.ts';
import { ms } from './format.ts';
import { median, side, timed } from './measure.ts';
import { measuring, run } from './progress.ts';
import type { Facts } from './reading.ts';
import type { Table } from './table.ts';
import { noopTask } from './tasks.ts';
import { ourMap } from './throughput.ts';

const script = fileURLToPath(new URL('./python-map.py', import.meta.url));

interface MapTimes {
  /** From creating the pool to its shutdown, the map in between. */
  readonly cold: number;
  /** The map alone, on a pool whose workers have started. */
  readonly warm: number;
}

/** Python's version, or `undefined` when there is no `python3` to run. */
async function pythonVersion(): Promise<string | undefined> {
  try {
    const { stdout, stderr } = await promisify(execFile)('python3', ['--version']);
    return (stdout || stderr).trim();
  } catch {
    return undefined;
  }
}

/** `Pool().map(noop, range(count), chunksize)` in Python: `undefined` chunksize is Python's default chunking. */
async function pythonMap(count: number, chunksize?: number): Promise<MapTimes> {
  const args = [script, String(count), ...(chunksize === undefined ? [] : [String(chunksize)])];
  const { stdout } = await promisify(execFile)('python3', args);
  return JSON.parse(stdout) as MapTimes;
}

/** The same for ours: `new Pool()`, `map`, `terminate()`, timed as Python's is. */
async function ourPoolMap(count: number, options: MapOptions): Promise<MapTimes> {
  const items = Array.from({ length: count }, (_, i) => i);
  const cold = await timed(
    () => undefined,
    async () => {
      const pool = new Pool();
      try {
        await pool.map(noopTask, items, options);
      } finally {
        await pool.terminate();
      }
    },
    async () => {},
  );
  const warm = await ourMap(() => new Pool(), count, options);
  return { cold, warm };
}

/** The section: 100,000 items chunked as Python chunks, on a started pool and with its start, then 10,000 items one per message. */
export async function pythonSection(table: Table, runs: number): Promise<Facts> {
  const python = await pythonVersion();
  if (python === undefined) {
    table.section('Python (skipped: no python3 on the PATH)');
    return {};
  }
  const add = table.section(`our Pool.map vs ${python}'s multiprocessing.Pool.map`);
  const count = 100_000;
  const ours: MapTimes[] = [];
  const theirs: MapTimes[] = [];
  measuring('100,000 items, default chunking, on a started pool and with its start');
  for (let i = 0; i < runs; i++) {
    run(i + 1, runs);
    ours.push(await ourPoolMap(count, { chunksize: 'auto' }));
    theirs.push(await pythonMap(count));
  }
  const pick = (times: MapTimes[], key: keyof MapTimes) => median(times.map((each) => each[key]));
  const warm = pick(ours, 'warm') / pick(theirs, 'warm');
  add({
    label: '100,000 items, default chunking: map on a started pool',
    a: ms(pick(ours, 'warm')),
    b: ms(pick(theirs, 'warm')),
    ratio: `${warm.toFixed(2)}×`,
    target: { text: "Pool.map as fast as Python's (≤ 1×)", met: warm <= 1 },
  });
  const cold = pick(ours, 'cold') / pick(theirs, 'cold');
  add({
    label: '… the same, pool start and shutdown included',
    a: ms(pick(ours, 'cold')),
    b: ms(pick(theirs, 'cold')),
    ratio: `${cold.toFixed(2)}×`,
    target: { text: "≤ 1.5× Python's (Python forks; Node starts each child afresh)", met: cold <= 1.5 },
  });
  const few = 10_000;
  measuring('10,000 items, chunksize 1');
  const [single, pythonSingle] = await side(
    3,
    () => ourMap(() => new Pool(), few, { chunksize: 1 }),
    async () => (await pythonMap(few, 1)).warm,
  );
  const perItem = single / pythonSingle;
  add({
    label: '10,000 items, chunksize 1 (a message each way per item): map on a started pool',
    a: ms(single),
    b: ms(pythonSingle),
    ratio: `${perItem.toFixed(2)}×`,
    target: { text: "as fast as Python's (≤ 1×)", met: perItem <= 1 },
  });
  return { pythonWarm: warm, pythonCold: cold };
}
