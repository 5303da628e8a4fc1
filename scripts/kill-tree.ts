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
  const pids = byTree ? [pid, ...descendantsOf(pid)] : [-pid];
  for (const each of pids) {
    try {
      process.kill(each, 'SIGKILL');
    } catch {
      // Already gone.
    }
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
