/** Whether process `pid` is gone: reaped by its parent (a zombie's pid still answers signal 0). */
import process from 'node:process';

export function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}
