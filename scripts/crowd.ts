/**
 * Load of the kind that made the watchdog kill a healthy test process (issue 34): the document's bank run,
 * as spec/lock.spec.ts runs it (a hundred threads each deposit ¥1), started again and again, until
 * `deadline` (ms since the epoch) or until its parent goes away. Each round starts a hundred V8 isolates:
 * a burst of CPU on every core, then a second of deposits queued on one lock.
 */
import process from 'node:process';
import { Account } from '../src/account.ts';
import { addMoneyTask } from '../src/tasks/bank.ts';
import { Thread } from '../src/thread.ts';

const deadline = Number(process.argv[2]);
process.on('disconnect', () => process.exit(0));
while (Date.now() < deadline) {
  const account = new Account();
  const threads = Array.from({ length: 100 }, () => new Thread(addMoneyTask, [account.memory, 1]));
  for (const thread of threads) thread.start();
  await Promise.all(threads.map((thread) => thread.join()));
}
process.exit(0);
