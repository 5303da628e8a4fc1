// Trivial tasks for the bench, as plain JavaScript so that every pool (ours, piscina, tinypool) loads the same module.
import process from 'node:process';

/** Does nothing but return its item: the cost measured is the pool's own. */
export function noop(item) {
  return item;
}

/** This process's resident set size, in bytes. */
export function rss() {
  return process.memoryUsage().rss;
}

export default noop;
