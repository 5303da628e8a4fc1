/** Start-up, a fresh process vs a fresh thread to its first answer, and our `.ts` entry vs plain `.mjs`: what each start costs. */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { Pool } from '../../src/pool.ts';
import { childEnv, entryPath } from '../../src/runtime/endpoint.ts';
import type { Answer, ToRunner } from '../../src/runtime/protocol.ts';
import { fromWire, toWire, type Wire } from '../../src/runtime/wire.ts';
import { ThreadPool } from '../../src/thread-pool.ts';
import { ms } from './format.ts';
import { side, timed } from './measure.ts';
import { measuring } from './progress.ts';
import type { Facts } from './reading.ts';
import type { Section } from './table.ts';
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

const tsEntry = entryPath;

const entryLabel = (version: string) => `our .ts entry vs the same as .mjs, Node ${version}`;

/**
 * The section: a fresh Process vs a fresh Thread, then our `.ts` entry vs `.mjs` on each Node of `runtimes`
 * (version to binary), and without the compile cache vs with it. The versions in `leftOut` get no row, for `why`.
 */
export function startupSection(runtimes: ReadonlyMap<string, string>, leftOut: readonly string[], why: string): Section<Facts> {
  return async (table, runs) => {
    const add = table.section('start-up to the first answer');
    const freshLabel = 'a fresh Process vs a fresh Thread';
    measuring(freshLabel);
    const [process_, thread] = await side(
      runs * 2,
      () => firstAnswer(() => new Pool(1)),
      () => firstAnswer(() => new ThreadPool(1)),
    );
    add({ label: freshLabel, a: ms(process_), b: ms(thread), ratio: `${(process_ / thread).toFixed(2)}×` });
    table.leaveOut(leftOut.map(entryLabel), why);
    const plain = plainEntry();
    try {
      for (const [version, path] of runtimes) {
        measuring(entryLabel(version));
        // Once each before measuring, so that both find Node's compile cache filled, as every child but the first does.
        await entryStartup(path, tsEntry);
        await entryStartup(path, plain.path);
        const [ts, mjs] = await side(
          runs * 2,
          () => entryStartup(path, tsEntry),
          () => entryStartup(path, plain.path),
        );
        const ratio = ts / mjs;
        add({
          label: entryLabel(version),
          a: ms(ts),
          b: ms(mjs),
          ratio: `${ratio.toFixed(2)}×`,
          target: { text: '.ts ≤ 1.2× .mjs', met: ratio <= 1.2 },
        });
      }
      const cacheLabel = `our .ts entry without Node's compile cache vs with it, ${process.version}`;
      measuring(cacheLabel);
      const [cold, cached] = await side(
        runs * 2,
        () => entryStartup(process.execPath, tsEntry, true),
        () => entryStartup(process.execPath, tsEntry),
      );
      add({ label: cacheLabel, a: ms(cold), b: ms(cached), ratio: `${(cold / cached).toFixed(2)}×` });
      return { startup: [process_, thread], compileCache: [cold, cached] };
    } finally {
      plain.remove();
    }
  };
}
