/**
 * A process a task starts and leaves behind, holding the task's stdout (spec/tasks/helpers.ts).
 * `launch MODE STARTER PIDFILE` starts the helper itself, writes its pid, and ends: the helper is then
 * nobody's child but the system's, which reaps it once it ends, wherever the task ran. The helper waits,
 * by rendezvous, until the process STARTER is gone (0: none to wait for), then, `prints-late`, prints one line and ends;
 * `never-ends`, it waits to be killed.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const lateLine = 'a line from a process the task left behind';

const isGone = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
};

const [command, ...rest] = process.argv.slice(2);
if (command === 'launch') {
  const [mode, starter, pidFile] = rest as [string, string, string];
  const helper = spawn(process.execPath, [fileURLToPath(import.meta.url), mode, starter], { stdio: ['ignore', 'inherit', 'inherit'] });
  writeFileSync(pidFile, String(helper.pid));
  helper.unref();
} else if (command === 'never-ends') {
  setInterval(() => {}, 60_000);
} else if (command === 'prints-late') {
  // Polled: nothing tells a process that another has ended.
  const starter = Number(rest[0]);
  while (starter !== 0 && !isGone(starter)) await sleep(5);
  console.log(lateLine);
}
