/**
 * The machine's process table: what runs below a process, and what carries a tag in its environment.
 * On Linux it is read from /proc. Elsewhere (macOS, Windows), and on Linux with PROCESS_TABLE=portable
 * (so that this path is tested here too), it is what the processes of the run say of themselves: each
 * Node process loads say-own-pid.ts first (global-setup.ts puts it in NODE_OPTIONS) and writes its
 * parent, command and tags into the run's table folder; whether it still runs is asked of the system
 * (signal 0, and `ps` for a zombie). Only Node processes say who they are: a process of another program
 * that a task starts is seen on Linux alone.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';

/** Whether the table is what the processes say (say-own-pid.ts), not /proc. */
export const portable = process.platform !== 'linux' || process.env.PROCESS_TABLE === 'portable';

export interface Entry {
  readonly pid: number;
  readonly ppid: number;
  readonly command: string;
  /** Its environment, read only when asked for: `NAME=value` strings. */
  environment(): string[];
}

/** Every live process (zombies left out); portably, every one of the run's that said who it is; `undefined` if none did. */
export function processTable(): Entry[] | undefined {
  return portable ? saidTable() : procTable();
}

function procTable(): Entry[] {
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

function saidTable(): Entry[] | undefined {
  const folder = process.env.PROCESS_TABLE_FOLDER;
  if (folder === undefined) return undefined;
  const said = readdirSync(folder).flatMap((name) => {
    try {
      const { ppid, command, environment } = JSON.parse(readFileSync(join(folder, name), 'utf8')) as { ppid: number; command: string; environment: string[] };
      return [{ pid: Number(name), ppid, command, environment: () => environment }];
    } catch {
      // Being written as we look: it is read at the next look.
      return [];
    }
  });
  const running = runningAmong(said.map(({ pid }) => pid));
  return said.filter(({ pid }) => running.has(pid));
}

/**
 * Which of `pids` still run, asked of the system: signal 0 says a process exists; a zombie (ended, not yet
 * reaped by its new parent) exists too, and `ps` tells it apart. Windows has no zombies, and no `ps`.
 */
function runningAmong(pids: readonly number[]): Set<number> {
  const existing = pids.filter((pid) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      // EPERM: it runs, but is not ours to signal.
      return (error as NodeJS.ErrnoException).code === 'EPERM';
    }
  });
  if (process.platform === 'win32' || existing.length === 0) return new Set(existing);
  const { stdout } = spawnSync('ps', ['-o', 'pid=,stat=', '-p', existing.join(',')], { encoding: 'utf8' });
  const zombies = new Set(
    stdout
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([, state]) => state?.startsWith('Z'))
      .map(([pid]) => Number(pid)),
  );
  return new Set(existing.filter((pid) => !zombies.has(pid)));
}

/** Every live process below `root`; `undefined` if the table cannot be read. */
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

/** Every live process whose environment has `variable=value`, whoever its parent now is; `undefined` if the table cannot be read. */
export function taggedWith(variable: string, value: string): Entry[] | undefined {
  return processTable()?.filter((entry) => entry.environment().includes(`${variable}=${value}`));
}

/** Whether process `pid` still runs (a zombie has ended): read from /proc on Linux, else asked of the system. */
export function isRunning(pid: number): boolean {
  if (portable) return runningAmong([pid]).has(pid);
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Waits, up to `boundMs`, until process `pid` is in the table. /proc lists a process as soon as it is
 * forked; portably, a process is listed once it has started and said who it is.
 */
export async function listed(pid: number, boundMs = 10_000): Promise<boolean> {
  for (let waited = 0; waited < boundMs; waited += 10) {
    if (processTable()?.some((entry) => entry.pid === pid)) return true;
    await sleep(10);
  }
  return false;
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
