/**
 * Test-only (SchedulerOptions.provokeLateWakes): every wake-up made late. A thread lingers after announcing
 * its step until it is given the turn or told to wait (the slot's goWait), so that whenever it is chosen
 * next it has its turn before it waits; the scheduler's notify then comes only once the thread has gone on
 * and waits for its next turn. A handshake that a late wake-up gets through is caught at the first such
 * step, every time. Both sides of the rendezvous are here: the judged thread's and the scheduler's.
 */
import { type Slot, Status } from './layout.ts';

/** The clock as it was when this module loaded: in a judged thread, performance.now is then made the scheduler's. */
const now = performance.now.bind(performance);

/**
 * A rendezvous, not a guess at how long the other side takes: these bounds are only for a side that died
 * meanwhile. The scheduler's is how long it keeps trying to deliver a late wake-up.
 */
const lingerMs = 1_000;
const provokeMs = 50;

/** The judged thread's side, once it has announced `status`: it lingers until given the turn or told to wait. */
export function linger(slot: Slot, status: number): void {
  const until = now() + lingerMs;
  // Asleep on goWait, not spinning: the scheduler notifies it both when it gives the turn and when it says wait.
  // A notify that lands between the check and the sleep is missed; the 1 ms nap bounds what that costs.
  while (slot.load('status') === status && slot.load('goWait') === 0 && now() < until) slot.wait('goWait', 0, 1);
}

/** The scheduler's side, once it has chosen: every other thread is told to wait, as it would if it were not chosen. */
export function holdOthers(slots: readonly Slot[], chosen: number): void {
  for (const [thread, slot] of slots.entries()) if (thread !== chosen) slot.handOver('goWait', 1);
}

/** Gives the chosen thread its turn, the notify as late as it can come. */
export function letGoLate(slot: Slot): void {
  slot.store('goWait', 0);
  slot.store('status', Status.running);
  // A lingering thread sleeps on goWait: woken, it finds its turn, and goes on without waiting for it.
  slot.notify('goWait');
  const until = now() + provokeMs;
  while (now() < until) {
    const status = slot.status;
    // Still running: either it waits, and this wakes it, or it went on without a wake-up.
    if (status === Status.running) {
      if (slot.notify('status') > 0) return;
      continue;
    }
    // It went on and waits for its next turn: the late wake-up reaches it there, once it is asleep.
    if (status === Status.requesting || status === Status.waiting) {
      slot.handOver('goWait', 1);
      while (slot.notify('status') === 0 && now() < until);
      slot.store('goWait', 0);
    }
    return;
  }
}
