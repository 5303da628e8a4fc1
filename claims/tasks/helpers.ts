/** A task that prints, then leaves a process behind that holds its stdout (claims/programs/helper.ts). */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { taskRef } from '../../src/runtime/task.ts';

export type HelperMode = 'prints-late' | 'never-ends';

export interface LeavingHelper {
  readonly lines: number;
  readonly helper: HelperMode;
  /** `kill`: SIGKILL, so that a child never says where its output ends. */
  readonly ending: 'return' | 'exit' | 'throw' | 'kill';
  /** Where the helper's pid is written, for the test to end it. */
  readonly pidFile: string;
}

const helperPath = fileURLToPath(new URL('../programs/helper.ts', import.meta.url));

export function printThenLeaveHelper({ lines, helper, ending, pidFile }: LeavingHelper): void {
  for (let line = 0; line < lines; line++) console.log(`line ${line}`);
  // A child process's stdout is a pipe the helper inherits and holds, and it prints once the child has
  // ended. A worker has no stdout of its own to give, and its process does not end: that helper prints to
  // nowhere at once (starter 0). Left behind, it is reaped by the system (or stays a zombie, which has ended).
  const helperProcess = spawn(process.execPath, [helperPath, helper, String(isMainThread ? process.pid : 0)], {
    stdio: ['ignore', isMainThread ? 'inherit' : 'ignore', 'inherit'],
  });
  helperProcess.unref();
  writeFileSync(pidFile, String(helperProcess.pid));
  if (ending === 'exit') process.exit(0);
  if (ending === 'throw') throw new Error('thrown after starting a helper');
  // A worker's process is the parent's own: a worker can only end itself, and does.
  if (ending === 'kill') isMainThread ? process.kill(process.pid, 'SIGKILL') : process.exit(137);
}

export const printThenLeaveHelperTask = taskRef<typeof printThenLeaveHelper>(import.meta.url, 'printThenLeaveHelper');
