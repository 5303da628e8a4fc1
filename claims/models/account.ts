/**
 * The whole contract of Account as one model: random programs of deposits and balance reads, from the main
 * thread and from two workers, through the program's own Account or another over the same memory, with
 * deposits made while another thread holds the lock, new accounts and bad memory, each step checked against
 * what the contract promises. The document's claims about the account are lock.exact-balance and
 * lock.release-on-error (claims/properties/lock.ts, schedules.ts); this is the rest of what ours keeps, which
 * example tests used to state one by one: bad money and its RangeError, the lock free after a refusal, the
 * default memory, bad memory's TypeError, and the document's sleep.
 */
import * as fc from 'fast-check';
import type { Account } from '../../src/account.ts';
import { projectProperty } from '../property.ts';
import type { ClassRef } from '../tasks/judged.ts';
import {
  type AccountClass,
  type AccountCommand,
  BadMemoryCommand,
  BalanceCommand,
  ContendedDepositCommand,
  DepositCommand,
  type Model,
  NewAccountCommand,
  type Real,
  type Who,
} from './account-commands.ts';
import { ModelThread } from './account-threads.ts';

/** An Account class in the main thread, and the same by module and name for the workers to load. */
export interface JudgedAccount {
  readonly Account: AccountClass;
  readonly accountClass: ClassRef;
}

const who = fc.constantFrom<Who>('the main thread', 'thread A', 'thread B');
const via = fc.constantFrom('its own Account' as const, 'another Account over the same memory' as const);
const worker = fc.constantFrom('thread A' as const, 'thread B' as const);
// Bad money comes often: each kind is refused in its own words.
const money = fc.oneof({ weight: 3, arbitrary: fc.nat({ max: 1000 }) }, fc.constantFrom(-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53));
const others = (holder: 'thread A' | 'thread B') => fc.constantFrom<Who>('the main thread', holder === 'thread A' ? 'thread B' : 'thread A');

const commands = fc.commands<Model, Real, false>(
  [
    fc.tuple(money, who, via).map(([amount, by, through]) => new DepositCommand(amount, by, through)),
    fc.tuple(who, via).map(([by, through]) => new DepositCommand('up to MAX_SAFE_INTEGER', by, through)),
    fc.tuple(who, via).map(([by, through]) => new BalanceCommand(by, through)),
    worker.chain((holder) => fc.tuple(fc.nat({ max: 1000 }), others(holder)).map(([amount, by]) => new ContendedDepositCommand(amount, holder, by))),
    fc.constant(new NewAccountCommand()),
    fc
      .constantFrom('null' as const, 'a balance in an ArrayBuffer' as const, 'a balance of 4 bytes' as const, 'no lock' as const)
      .map((memory) => new BadMemoryCommand(memory)),
  ],
  { maxCommands: 8 },
);

const own = 'its own Account' as const;
const another = 'another Account over the same memory' as const;

/**
 * A tour, run first every time, so that every promise is checked in every run whatever is generated: each
 * operation from each thread and through each object, every kind of bad money and memory, a deposit that
 * waits for each holder, and the balance's brim.
 */
const examples: [Iterable<AccountCommand>][] = [
  [
    [
      new NewAccountCommand(),
      new BadMemoryCommand('null'),
      new BadMemoryCommand('a balance in an ArrayBuffer'),
      new BadMemoryCommand('a balance of 4 bytes'),
      new BadMemoryCommand('no lock'),
      new DepositCommand(0, 'the main thread', own),
      new DepositCommand(5, 'the main thread', another),
      new DepositCommand(7, 'thread A', own),
      new BalanceCommand('the main thread', another),
      new BalanceCommand('thread B', own),
      new DepositCommand(1.5, 'the main thread', own),
      new DepositCommand(-1, 'thread B', another),
      new DepositCommand(Number.NaN, 'the main thread', own),
      new DepositCommand(Number.POSITIVE_INFINITY, 'thread A', own),
      new DepositCommand(2 ** 53, 'the main thread', own),
      new ContendedDepositCommand(3, 'thread A', 'the main thread'),
      new ContendedDepositCommand(4, 'thread B', 'thread A'),
      new BalanceCommand('thread A', another),
      new DepositCommand('up to MAX_SAFE_INTEGER', 'thread B', own),
      new DepositCommand(1, 'the main thread', own),
      new DepositCommand(0, 'thread A', own),
      new BalanceCommand('the main thread', own),
    ],
  ],
];

export const accountModel = projectProperty<JudgedAccount, [Iterable<AccountCommand>]>({
  judges: ['Account'],
  aspect: 'The whole contract of Account, as a model: any program of deposits and balance reads, from any thread, keeps every promise',
  arbitraries: [commands],
  numRuns: 10,
  examples,
  check:
    ({ Account, accountClass }: JudgedAccount, thisCase) =>
    async (program: Iterable<AccountCommand>) => {
      const boundMs = await thisCase.bound();
      const account: Account = new Account();
      const thread = (name: string) =>
        thisCase.defer(new ModelThread(name, accountClass, account.memory, boundMs), (each) => each.terminate(), `ending ${name}`);
      const real: Real = { Account, account, threads: { 'thread A': thread('thread A'), 'thread B': thread('thread B') }, boundMs };
      await fc.asyncModelRun(() => ({ model: { balance: 0, step: 0 }, real }), program);
    },
});
