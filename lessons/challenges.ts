/**
 * `npm run learn -- --play`: you are the scheduler. Each challenge is real code of this repository, run by
 * the scheduler (scheduler/) in real worker threads, one Atomics step at a time, each step the one you
 * choose. You win by reaching what the claim forbids; the verdict is the claim property's own (a scheduled
 * property's Setup, claims/properties/schedules.ts: `property.setup(...)`), not a copy. As The Deadlock Empire does in a browser,
 * on pseudo-code; here, on the code `npm test` judges.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as scheduled from '../claims/properties/schedules.ts';
import type { Setup } from '../claims/support/every-schedule.ts';
import type { ClassRef } from '../claims/tasks/judged.ts';

export interface Challenge {
  readonly name: string;
  readonly title: string;
  /** What to reach, in one line. */
  readonly goal: string;
  /** The class played, and the file a reader opens to follow it. */
  readonly played: ClassRef;
  readonly file: string;
  /** The scheduled check the moves are one schedule of: its threads, memory and verdict. */
  readonly setup: (played: ClassRef) => Setup;
  /** Each thread's part, as the screen heads its column. */
  readonly parts: readonly string[];
  /** The command that judges the same code under every schedule, where the claim fails the same way. */
  readonly judgedBy: string;
  /**
   * Code that is not known to break (ours, or a learner's): its game goes on until the learner gives up
   * (or a bound of moves), and then the scheduler tries every schedule and says whether any breaks it.
   */
  readonly exploredAtEnd?: true;
}

/** A lesson's typical wrong answer (`lessons/N-name/wrong/`), by its path in lessons/ and its export. */
const wrongAnswer = (path: string, name: string): ClassRef => ({ module: new URL(`./${path}`, import.meta.url).href, name });
const deposits = ['deposit ¥1', 'deposit ¥1'];
const learn = (lesson: string, file: string) => `npm run learn -- --lesson ${lesson} --file ${file}`;

export const challenges: readonly Challenge[] = [
  {
    name: 'unlocked-account',
    title: "The document's account without its lock",
    goal: 'two deposits of ¥1 end with a balance below ¥2: lose a deposit',
    played: scheduled.ours.UnlockedAccount,
    file: 'src/unlocked-account.ts',
    setup: (played) => scheduled.someScheduleLosesAnUpdate.setup(played, [1, 1]),
    parts: deposits,
    judgedBy: 'npx vitest run spec/schedules.spec.ts -t lock.lost-update',
  },
  {
    name: 'load-then-store',
    title: 'A counter that loads, then stores',
    goal: 'Ping and Pong take tickets below 1 from one counter: make them print 2 lines, not 1 (lose an increment)',
    played: wrongAnswer('3-counter/wrong/load-then-store-counter.ts', 'SharedCounter'),
    file: 'lessons/3-counter/wrong/load-then-store-counter.ts',
    setup: (played) => scheduled.everyScheduleSharedCounter.setup(played, 1),
    parts: ['Ping', 'Pong'],
    judgedBy: learn('counter', 'lessons/3-counter/wrong/load-then-store-counter.ts'),
  },
  {
    name: 'check-then-set',
    title: 'A lock that checks that it is free, then sets it',
    goal: 'get two threads inside the lock at once',
    played: wrongAnswer('4-lock/wrong/check-then-set-lock.ts', 'Lock'),
    file: 'claims/counter-models/locks.ts',
    setup: (played) => scheduled.mutualExclusion.setup(played, { holders: 2, rounds: 1, timeoutMs: undefined }),
    parts: ['takes the lock', 'takes the lock', 'releases it, not holding it'],
    judgedBy: learn('lock', 'lessons/4-lock/wrong/check-then-set-lock.ts'),
  },
  {
    name: 'silent-release',
    title: 'A release that never notifies',
    goal: 'make a thread wait for ever (a deadlock)',
    played: wrongAnswer('4-lock/wrong/silent-release-lock.ts', 'Lock'),
    file: 'lessons/4-lock/wrong/silent-release-lock.ts',
    setup: (played) => scheduled.noLostWakeUp.setup(played, { takers: 2, timeoutMs: undefined, releaser: false }),
    parts: ['takes the lock', 'takes the lock'],
    judgedBy: learn('lock', 'lessons/4-lock/wrong/silent-release-lock.ts'),
  },
  {
    name: 'read-before-lock',
    title: 'A deposit that reads the balance before it takes the lock',
    goal: 'two deposits of ¥1 end with a balance below ¥2: lose a deposit',
    played: wrongAnswer('5-account/wrong/read-before-lock-account.ts', 'Account'),
    file: 'claims/counter-models/locks.ts',
    setup: (played) => scheduled.everyScheduleExactBalance.setup(played, [1, 1]),
    parts: deposits,
    judgedBy: learn('account', 'lessons/5-account/wrong/read-before-lock-account.ts'),
  },
  {
    name: 'no-finally',
    title: 'A deposit that releases the lock without finally',
    goal: 'deposit 1 throws between its read and its write: leave the lock held for ever',
    played: wrongAnswer('5-account/wrong/no-finally-account.ts', 'Account'),
    file: 'lessons/5-account/wrong/no-finally-account.ts',
    setup: (played) =>
      scheduled.everyScheduleReleaseOnError.setup(played, [
        { money: 1, fail: true },
        { money: 1, fail: false },
      ]),
    parts: ['deposit ¥1, which throws', 'deposit ¥1'],
    judgedBy: learn('account', 'lessons/5-account/wrong/no-finally-account.ts'),
  },
  {
    name: 'ours',
    title: 'Ours: src/account.ts and src/lock.ts',
    goal: 'two deposits of ¥1 end with a balance other than ¥2, or the lock held: break ours, if you can',
    played: scheduled.ours.Account,
    file: 'src/account.ts',
    setup: (played) => scheduled.everyScheduleExactBalance.setup(played, [1, 1]),
    parts: deposits,
    judgedBy: 'npx vitest run spec/schedules.spec.ts -t lock.exact-balance',
    exploredAtEnd: true,
  },
];

/** A learner's own class in a challenge: `--play --file PATH` breaks your own code, by its lesson. */
export function yourChallenge(lesson: string, file: string, shown: string): Challenge | undefined {
  const base = { lock: 'check-then-set', account: 'ours', counter: 'load-then-store' }[lesson];
  const like = challenges.find((each) => each.name === base);
  if (like === undefined) return undefined;
  const exported = { lock: 'Lock', account: 'Account', counter: 'SharedCounter' }[lesson] as string;
  return {
    ...like,
    name: `yours: ${shown}`,
    title: `Yours: ${shown}`,
    goal: { lock: 'get two threads inside the lock at once', account: like.goal, counter: like.goal }[lesson] as string,
    played: { module: pathToFileURL(resolve(file)).href, name: exported },
    file: shown,
    judgedBy: learn(lesson, shown),
    exploredAtEnd: true,
  };
}

export const challengeNamed = (name: string) => challenges.find((each) => each.name === name);
