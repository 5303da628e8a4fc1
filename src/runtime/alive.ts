/**
 * Every child process and worker this project starts is listed here until it has ended, so that a
 * test run can prove it left nothing behind, and can end what it did leave.
 */
export interface Alive {
  readonly description: string;
  kill(): void;
}

const alive = new Set<Alive>();

export function track(entry: Alive): () => void {
  alive.add(entry);
  return () => alive.delete(entry);
}

/** What is still running, as descriptions. */
export function stillAlive(): string[] {
  return [...alive].map((entry) => entry.description);
}

/** Ends everything still running; returns what was ended. */
export function killAll(): string[] {
  const ended = stillAlive();
  for (const entry of alive) entry.kill();
  return ended;
}
