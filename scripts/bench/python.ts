/** Our `Pool.map` against Python's `multiprocessing.Pool.map`, when `python3` is on the PATH. */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { MapOptions } from '../../src/pool.ts';
import { Pool } from '../../src/pool.ts';
import { timed } from './measure.ts';
import { noopTask } from './tasks.ts';
import { ourMap } from './throughput.ts';

const script = fileURLToPath(new URL('./python-map.py', import.meta.url));

export interface MapTimes {
  /** From creating the pool to its shutdown, the map in between. */
  readonly cold: number;
  /** The map alone, on a pool whose workers have started. */
  readonly warm: number;
}

/** Python's version, or `undefined` when there is no `python3` to run. */
export async function pythonVersion(): Promise<string | undefined> {
  try {
    const { stdout, stderr } = await promisify(execFile)('python3', ['--version']);
    return (stdout || stderr).trim();
  } catch {
    return undefined;
  }
}

/** `Pool().map(noop, range(count), chunksize)` in Python: `undefined` chunksize is Python's default chunking. */
export async function pythonMap(count: number, chunksize?: number): Promise<MapTimes> {
  const args = [script, String(count), ...(chunksize === undefined ? [] : [String(chunksize)])];
  const { stdout } = await promisify(execFile)('python3', args);
  return JSON.parse(stdout) as MapTimes;
}

/** The same for ours: `new Pool()`, `map`, `terminate()`, timed as Python's is. */
export async function ourPoolMap(count: number, options: MapOptions): Promise<MapTimes> {
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
