/**
 * Start-up: how long a fresh process or thread takes to answer its first task, and what our `.ts` entry
 * costs over the same code as plain `.mjs` (its types stripped once, ahead of time), on a given Node.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import type { Pool } from '../../src/pool.ts';
import { childEnv, entryPath } from '../../src/runtime/endpoint.ts';
import type { Answer, ToRunner } from '../../src/runtime/protocol.ts';
import { fromWire, toWire, type Wire } from '../../src/runtime/wire.ts';
import type { ThreadPool } from '../../src/thread-pool.ts';
import { timed } from './measure.ts';
import { noopTask } from './tasks.ts';

/** From `new Pool(1)` (or ThreadPool) to the answer of its first trivial task: spawn, load, run, answer. */
export function firstAnswer(make: () => Pool | ThreadPool): Promise<number> {
  return timed(
    make,
    (pool) => pool.map(noopTask, [0]),
    (pool) => pool.terminate(),
  );
}

/**
 * Our entry and the modules it imports, types stripped, as `.mjs` files in a temporary folder: the very
 * same code, minus the work Node does to strip types at start-up. Returns the entry and a clean-up.
 */
export function plainEntry(): { path: string; remove: () => void } {
  const folder = mkdtempSync(join(tmpdir(), 'process-vs-thread-bench-'));
  // Experimental in Node 22 to 26, and it says so on every call; the bench uses it once, on purpose.
  const { emitWarning } = process;
  process.emitWarning = () => {};
  try {
    // The entry and every module it imports, followed from its own import lines: a new import is never missed.
    const names = ['entry'];
    for (const name of names) {
      const source = readFileSync(new URL(`../../src/runtime/${name}.ts`, import.meta.url), 'utf8');
      for (const [, imported] of source.matchAll(/^import [^;]*'\.\/([\w-]+)\.ts';$/gm)) {
        if (!names.includes(imported as string)) names.push(imported as string);
      }
      const stripped = stripTypeScriptTypes(source, { mode: 'strip' }).replaceAll(/'\.\/([\w-]+)\.ts'/g, "'./$1.mjs'");
      writeFileSync(join(folder, `${name}.mjs`), stripped);
    }
  } finally {
    process.emitWarning = emitWarning;
  }
  return { path: join(folder, 'entry.mjs'), remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/**
 * From fork to the first answer, for `entry` run by the Node at `execPath`; the child then leaves. With
 * `freshCache`, the child gets an empty compile cache of its own: as if there were none.
 */
export async function entryStartup(execPath: string, entry: string, freshCache = false): Promise<number> {
  const env = childEnv();
  const empty = freshCache ? mkdtempSync(join(tmpdir(), 'process-vs-thread-no-cache-')) : undefined;
  if (empty !== undefined) env.NODE_COMPILE_CACHE = empty;
  const began = performance.now();
  const child = fork(entry, [], { execPath, env, serialization: 'json', stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  child.send(toWire({ type: 'run', module: noopTask.module, name: noopTask.name, items: [0], spread: false } satisfies ToRunner));
  const [wire] = (await once(child, 'message')) as [Wire];
  const ms = performance.now() - began;
  const answer = fromWire(wire) as Answer;
  if (answer.failures.length > 0) throw new Error(`${entry} on ${execPath} answered ${JSON.stringify(answer)}`);
  child.send(toWire({ type: 'stop', exitCode: 0 } satisfies ToRunner));
  await once(child, 'close');
  if (empty !== undefined) rmSync(empty, { recursive: true, force: true });
  return ms;
}

export const tsEntry = entryPath;
