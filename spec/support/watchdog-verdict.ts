/**
 * What the watchdog (spec/support/watchdog.ts) makes of a stretch in which no timer of the watched thread
 * ran: `wallMs` long, in which that thread used `cpuMs` of CPU. A silence alone does not tell the two apart
 * that look alike from outside: a thread that never yields (it spends the CPU it is given on its own code,
 * and keeps its timers from running) and a thread the machine gives little CPU (a hundred workers of its
 * own and other jobs on two cores: its timers are late because it waits its turn). The CPU it used does:
 * a thread that spent half the bound's worth of CPU with no timer running is keeping them from running
 * itself, however loaded the machine (no test of ours holds its thread that long); a thread that used less
 * is given little or is blocked, and is waited for. Waited for only so long: a thread blocked in
 * `Atomics.wait` or a synchronous sleep uses no CPU and will never beat again, and nothing but the
 * watchdog can end it, so a silence of `stalledFactor` bounds ends it whatever its CPU, later.
 */

/** Keep waiting; the thread is ended for starving its timers; the thread is ended for a silence too long. */
export type Verdict = 'wait' | 'starved' | 'stalled';

/** How much of the bound's worth of CPU, spent with no timer running, is a thread that never yields. */
export const busyShare = 0.5;

/**
 * The bound on a silence at little CPU, in bounds: at a load that gives the thread a twentieth of a core
 * (load 35 on 2 cores, as seen), a healthy thread's second of CPU between two timers takes 20 s; eight
 * bounds (two minutes, the spec's own test timeout) leave it room, and end a blocked thread all the same.
 */
export const stalledFactor = 8;

export interface Silence {
  /** How long no timer of the watched thread has run, in ms. */
  readonly wallMs: number;
  /** The CPU the watched thread (or, where it cannot be read alone, its whole process) used in it, in ms. */
  readonly cpuMs: number;
}

export function verdict({ wallMs, cpuMs }: Silence, starvedMs: number): Verdict {
  if (wallMs < starvedMs) return 'wait';
  if (cpuMs >= busyShare * starvedMs) return 'starved';
  return wallMs >= stalledFactor * starvedMs ? 'stalled' : 'wait';
}
