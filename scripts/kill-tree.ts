/**
 * Ends a process and everything it started, at once. Where there are process groups (Linux, macOS), the
 * process leads one of its own (spawned `detached`) and the whole group is killed. Windows has none:
 * there the tree is ended by `taskkill /T /F`, which follows each process's parent. With
 * PROCESS_TABLE=portable, Linux takes a tree walk of the same kind (the system's `ps` listing), so that
 * the path Windows takes is tested here too.
 */
import { spawnSync } from 'node:child_process';
import process from 'node:process';

const byTree = process.platform === 'win32' || process.env.PROCESS_TABLE === 'portable';

export function killTree(pid: number | undefined): void {
  if (pid === undefined) return;
  if (process.platform === 'win32') {
    spawnSync('taskkill', ['/T', '/F', '/PID', String(pid)], { stdio: 'ignore', windowsHide: true });
    return;
  }
  if (!byTree) {
    signal(-pid, 'SIGKILL');
    return;
  }
  // A process of the tree may be starting another as we look: each one found is stopped first (SIGSTOP),
  // and the tree is read again until no new one appears; only then is every one killed. Killed at once,
  // a parent would leave a child it had just started to the system, out of the tree.
  const found = new Set<number>();
  for (let fresh = [pid]; fresh.length > 0; fresh = [pid, ...descendantsOf(pid)].filter((each) => !found.has(each))) {
    for (const each of fresh) {
      found.add(each);
      signal(each, 'SIGSTOP');
    }
  }
  for (const each of found) signal(each, 'SIGKILL');
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

/** Every process below `root`, read from `ps` before any is killed (a killed parent's children move away). */
function descendantsOf(root: number): number[] {
  const { stdout } = spawnSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  const children = new Map<number, number[]>();
  for (const line of stdout.split('\n')) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number) as [number, number];
    if (!Number.isInteger(pid) || !Number.isInteger(ppid)) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const below: number[] = [];
  for (let at = [root]; at.length > 0; at = at.flatMap((pid) => children.get(pid) ?? [])) {
    if (at[0] !== root) below.push(...at);
  }
  return below;
}
