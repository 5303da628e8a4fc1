/**
 * The machine's process table, read from Linux's /proc: what runs below a process, and what carries a
 * tag in its environment. Elsewhere it answers `undefined`, and the checks fall back to the registry in
 * src/alive.ts, which sees what this project started.
 */
import { readdirSync, readFileSync } from 'node:fs';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';

export interface Entry {
  readonly pid: number;
  readonly ppid: number;
  readonly command: string;
  /** Its environment, read only when asked for: `NAME=value` strings. */
  environment(): string[];
}

/** Every live process (zombies left out), or `undefined` off Linux. */
export function processTable(): Entry[] | undefined {
  if (process.platform !== 'linux') return undefined;
  const entries: Entry[] = [];
  for (const name of readdirSync('/proc').filter((each) => /^\d+$/.test(each))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid ...: comm may hold spaces and parentheses, so split after the last ')'.
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z') continue;
      const command = readFileSync(`/proc/${name}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      const environment = () => {
        try {
          return readFileSync(`/proc/${name}/environ`, 'utf8').split('\0');
        } catch {
          return [];
        }
      };
      entries.push({ pid: Number(name), ppid: Number(ppid), command, environment });
    } catch {
      // The process ended while we looked, or is not ours to read.
    }
  }
  return entries;
}

/** Every live process below `root`, or `undefined` off Linux. */
export function descendantsOf(root: number = process.pid): Entry[] | undefined {
  const table = processTable();
  if (table === undefined) return undefined;
  const parentOf = new Map(table.map((entry) => [entry.pid, entry.ppid]));
  const below = (pid: number): boolean => {
    for (let parent = parentOf.get(pid); parent !== undefined && parent > 1; parent = parentOf.get(parent)) {
      if (parent === root) return true;
    }
    return false;
  };
  return table.filter((entry) => below(entry.pid));
}

/** Every live process whose environment has `variable=value`, whoever its parent now is; `undefined` off Linux. */
export function taggedWith(variable: string, value: string): Entry[] | undefined {
  return processTable()?.filter((entry) => entry.environment().includes(`${variable}=${value}`));
}

/**
 * Whether process `pid` still runs. On Linux, read from /proc, where an ended process not yet reaped (a
 * zombie, whose new parent has not yet collected it) has ended; elsewhere, asked with signal 0.
 */
export function isRunning(pid: number): boolean {
  if (process.platform === 'linux') {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] !== 'Z';
    } catch {
      return false;
    }
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, but is not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Kills each of them; one already gone is no error. */
export function killAll(entries: readonly Pick<Entry, 'pid'>[]): void {
  for (const { pid } of entries) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/**
 * Waits up to `waitMs` for every process `find` lists to end by itself, then kills what is left; returns
 * what had to be killed, as `process pid (command)`.
 */
export async function endedWithin(find: () => readonly Entry[], waitMs: number): Promise<string[]> {
  let left = find();
  for (let waited = 0; left.length > 0 && waited < waitMs; waited += 20) {
    await sleep(20);
    left = find();
  }
  killAll(left);
  return left.map(({ pid, command }) => `process ${pid} (${command})`);
}
