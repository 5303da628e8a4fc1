/**
 * Loaded first by every Node process of a run that reads the process table portably (process-table.ts):
 * it says who it is, in a file of its own in the run's table folder: its parent, its command line, and
 * the run's tags in its environment (the variables whose names start with PROCESS_VS_THREAD, and the
 * coverage folder). What /proc tells on Linux, each process tells here itself, on any system.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { isMainThread } from 'node:worker_threads';

const folder = process.env.PROCESS_TABLE_FOLDER;
if (folder !== undefined && isMainThread) {
  const environment = Object.entries(process.env)
    .filter(([name]) => name.startsWith('PROCESS_VS_THREAD') || name === 'NODE_V8_COVERAGE')
    .map(([name, value]) => `${name}=${value}`);
  writeFileSync(
    join(folder, String(process.pid)),
    JSON.stringify({ ppid: process.ppid, command: [process.execPath, ...process.execArgv, ...process.argv.slice(1)].join(' '), environment }),
  );
}
