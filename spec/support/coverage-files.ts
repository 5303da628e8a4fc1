/**
 * Under `npm run coverage`, every process a spec file starts inherits NODE_V8_COVERAGE and writes its
 * coverage there as it exits; when the file ends, vitest reads every file in that folder, and one that
 * is not whole JSON fails the run ("Unexpected end of JSON input", every test green). Node writes the
 * file in place, not by rename, so a file is cut short by a process killed while it wrote it: the spec
 * kills on purpose what a broken implementation leaves behind, and the learning path's judge kills its
 * whole process group, runners that were just leaving included (a program that forgot an idle pool and
 * exited, its group killed as it ended, left an empty coverage file once in 30 tries). Such a process's
 * coverage is lost whatever we do; here it is left out, saying so, instead of failing a run whose tests
 * all passed. The 100% thresholds still hold on what remains.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Entry, endedWithin, taggedWith } from '../../claims/support/process-table.ts';

/** Removes every coverage file in `folder` that is not whole JSON; returns their names. */
export function dropCutShort(folder: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  return names.filter((name) => {
    const path = join(folder, name);
    try {
      JSON.parse(readFileSync(path, 'utf8'));
      return false;
    } catch {
      rmSync(path, { force: true });
      return true;
    }
  });
}

/**
 * Waits, up to `boundMs`, until no process that may still write into this file's coverage folder runs
 * (orphans included, whoever their parent now is); kills what is left, and then leaves out the files
 * that are cut short. Returns what was left running, to be reported as left behind. Outside a coverage
 * run it does nothing.
 */
export async function settleCoverageFiles(folder = process.env.NODE_V8_COVERAGE, boundMs = 10_000): Promise<string[]> {
  if (folder === undefined) return [];
  // vitest's own processes carry the folder too, and write nothing there: this worker, and in a vitest that a
  // spec starts (colours.spec, watchdog.spec) the other children of the vitest that started it (its workers,
  // its watchdog). For Node hands the folder to every child, even one given an environment without it, so
  // such a vitest takes the folder of the run that started it as its own; it must not wait for, then kill,
  // that run's processes either: what this run started carries its tag (global-setup.ts), they do not.
  const run = `PROCESS_VS_THREAD_RUN=${process.env.PROCESS_VS_THREAD_RUN}`;
  const ours = (entry: Entry) => entry.pid !== process.pid && entry.ppid !== process.ppid && entry.environment().includes(run);
  const writers = () => taggedWith('NODE_V8_COVERAGE', folder)?.filter(ours) ?? [];
  const left = await endedWithin(writers, boundMs);
  // A killed process writes nothing more once it is gone from the table (a zombie is not in it).
  for (let waited = 0; writers().length > 0 && waited < boundMs; waited += 20) await sleep(20);
  const dropped = dropCutShort(folder);
  if (dropped.length > 0) {
    console.log(`Coverage: left out ${dropped.length} file(s) cut short by a process killed as it exited: ${dropped.join(', ')}`);
  }
  return left;
}
