/**
 * The CPU the watched thread used, read by the watchdog from its own thread (the watched one may never
 * answer). Linux keeps each thread's own time on the CPU, in ns (/proc/<pid>/task/<tid>/schedstat); the
 * thread that beats finds its own entry through /proc/thread-self, so it is found whether vitest runs the
 * tests on the process's main thread (forks) or on a worker thread. Elsewhere (macOS, Windows) there is only
 * the whole process's (`process.cpuUsage()`), every thread of it: a bound from above on the watched
 * thread's own, which a process whose workers are busy reaches without its main thread (docs/how-it-works.md).
 */
import { readFileSync, readlinkSync } from 'node:fs';
import process from 'node:process';
import { isMainThread } from 'node:worker_threads';

export interface CpuSource {
  /** What was measured, as the watchdog's message names it. */
  readonly who: string;
  /** The watched thread's schedstat, where there is one. */
  readonly schedstat?: string;
}

/** Called on the thread to be watched: where its own CPU is read, or the process's where it cannot be. */
export function ownCpuSource(): CpuSource {
  try {
    const schedstat = `/proc/${readlinkSync('/proc/thread-self')}/schedstat`;
    readFileSync(schedstat);
    return { who: isMainThread ? 'the main thread' : 'the test thread', schedstat };
  } catch {
    return { who: 'this process (its own threads cannot be told apart here)' };
  }
}

/** The CPU, in ms, `source` has used since it started. */
export function cpuMs(source: CpuSource): number {
  if (source.schedstat === undefined) {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1_000;
  }
  return Number(readFileSync(source.schedstat, 'utf8').split(' ')[0]) / 1_000_000;
}
