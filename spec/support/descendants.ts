import { readdirSync, readFileSync } from 'node:fs';
import process from 'node:process';

export interface Descendant {
  readonly pid: number;
  readonly command: string;
}

/**
 * Every live process below `root`, read from Linux's /proc. Elsewhere this returns `undefined`: the
 * check falls back to the registry in src/alive.ts, which sees what this project started.
 */
export function descendantsOf(root: number = process.pid): Descendant[] | undefined {
  if (process.platform !== 'linux') return undefined;
  const parentOf = new Map<number, number>();
  const commandOf = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ...: comm may hold spaces and parentheses, so split after the last ')'.
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z') continue;
      parentOf.set(Number(entry), Number(ppid));
      commandOf.set(Number(entry), readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim());
    } catch {
      // The process ended while we looked.
    }
  }
  const below = (pid: number): boolean => {
    for (let parent = parentOf.get(pid); parent !== undefined && parent > 1; parent = parentOf.get(parent)) {
      if (parent === root) return true;
    }
    return false;
  };
  return [...parentOf.keys()].filter(below).map((pid) => ({ pid, command: commandOf.get(pid) ?? '' }));
}
