/**
 * The learning path's own data (lessons/lessons.ts, hint.ts, source.ts, adapters.ts), as `npm run learn`
 * reads it: which lesson a file is of, the claims the path judges, the hints in turn, our answer shown whole,
 * the line a member is written on, and a counterexample in a learner's words.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../claims/programs/scenario.ts';
import { act, byRef, ending, ms, program, realBank, sized, theClass } from '../../lessons/adapters.ts';
import { type Challenge, challengeNamed, challenges, yourChallenge } from '../../lessons/challenges.ts';
import { hintText, solutionText } from '../../lessons/hint.ts';
import { root } from '../../lessons/judge.ts';
import type { Lesson } from '../../lessons/lesson.ts';
import { folderOf, lessonClaims, lessonNamed, lessonOfFile, lessons, solutionFile, startFile, wrongAnswerFile } from '../../lessons/lessons.ts';
import { lineOf } from '../../lessons/source.ts';

const named = (name: string) => lessonNamed(name) as Lesson;

describe('The lessons, in order, and their files', () => {
  it('five lessons in the document’s order; the claims they judge, each once, in that order', () => {
    expect(lessons.map((lesson) => lesson.name)).toEqual(['process', 'pool', 'counter', 'lock', 'account']);
    expect(lessonClaims).toEqual([
      'process.concurrent',
      'process.own-pid',
      'process.no-shared-counter',
      'pool.waits',
      'thread.shared-memory',
      'lock.mutual-exclusion',
      'lock.no-lost-wakeup',
      'lock.exact-balance',
      'lock.release-on-error',
    ]);
    expect(lessonNamed('lock')?.file).toBe('4-lock.ts');
    expect(lessonNamed('nothing')).toBeUndefined();
  });

  it('a lesson’s folder holds its start, its solution and its wrong answers', () => {
    const lock = named('lock');
    expect(folderOf(lock)).toBe('4-lock');
    expect([startFile(lock), solutionFile(lock), wrongAnswerFile(lock, 'x.ts')]).toEqual(
      ['start.ts', 'solution.ts', join('wrong', 'x.ts')].map((file) => join(root, 'lessons', '4-lock', file)),
    );
  });

  it.each([
    ['lessons/yours/4-lock.ts', 'lock'],
    ['/home/me/elsewhere/2-pool.ts', 'pool'],
    ['lessons/4-lock/solution.ts', 'lock'],
    ['lessons/3-counter/wrong/plain-counter.ts', 'counter'],
    ['C:\\work\\lessons\\5-account\\start.ts', 'account'],
    ['src/lock.ts', undefined],
    ['lessons/yours/4-lock.ts.bak', undefined],
    ['fixtures/lessons/check-then-set-lock.ts', undefined],
  ])('the lesson of %s: %s', (path, lesson) => {
    expect(lessonOfFile(path)?.name).toBe(lesson);
  });
});

describe('The challenges of --play', () => {
  it('each names the command that judges the same code under every schedule: its claim in npm test, or a file of ours in its lesson', () => {
    for (const { judgedBy } of challenges) {
      expect(judgedBy).toMatch(/^(npx vitest run spec\/schedules\.spec\.ts -t [a-z.-]+|npm run learn -- --lesson [a-z]+ --file \S+)$/);
      const file = /--file (\S+)$/.exec(judgedBy)?.[1];
      if (file !== undefined) expect(existsSync(join(root, file)), file).toBe(true);
    }
  });

  it.each([
    ['lock', 'check-then-set', 'Lock', 'get two threads inside the lock at once'],
    ['account', 'ours', 'Account', undefined],
    ['counter', 'load-then-store', 'SharedCounter', undefined],
  ])("a learner's own %s is played as %s is, its class theirs, every schedule tried once they give up", (lesson, like, exported, goal) => {
    const base = challengeNamed(like) as Challenge;
    const path = join(root, 'lessons', 'yours', 'mine.ts');
    expect(yourChallenge(lesson, path, 'lessons/yours/mine.ts')).toEqual({
      ...base,
      name: 'yours: lessons/yours/mine.ts',
      title: 'Yours: lessons/yours/mine.ts',
      goal: goal ?? base.goal,
      played: { module: pathToFileURL(path).href, name: exported },
      file: 'lessons/yours/mine.ts',
      judgedBy: `npm run learn -- --lesson ${lesson} --file lessons/yours/mine.ts`,
      exploredAtEnd: true,
    });
  });

  it('a lesson with no challenge of its kind has none', () => {
    expect(yourChallenge('pool', 'lessons/yours/2-pool.ts', 'lessons/yours/2-pool.ts')).toBeUndefined();
  });
});

describe('Hints, one part more each time they are asked; our answer, whole', () => {
  const threeParts = { ...named('pool'), name: 'made-up', hints: ['the idea', 'more of it', 'the last of it'] } as Lesson;
  const askAgain = '(Ask again, npm run learn -- --hint, for more.)';

  it.each([
    [0, ['the idea', askAgain]],
    [1, ['the idea', askAgain]],
    [2, ['the idea', 'More: more of it', askAgain]],
    [3, ['the idea', 'More: more of it', 'More: the last of it', '(That is every hint. Our answer, whole: npm run learn -- --solution --lesson made-up)']],
    [9, ['the idea', 'More: more of it', 'More: the last of it', '(That is every hint. Our answer, whole: npm run learn -- --solution --lesson made-up)']],
  ])('asked %i times', (asked, parts) => {
    expect(hintText(threeParts, asked)).toBe(parts.join('\n\n'));
  });

  it('our answer: the lesson’s number, the file it is, then the file itself', () => {
    const lock = named('lock');
    expect(solutionText(lock)).toBe(
      [
        'Our answer to lesson 4, lessons/4-lock/solution.ts: a whole file, it can take the place of yours.',
        '',
        readFileSync(solutionFile(lock), 'utf8').trimEnd(),
      ].join('\n'),
    );
  });
});

describe('The line a member is written on (where the judge says to look)', () => {
  const source = [
    '// A comment first.',
    "import { x } from './x.ts';",
    '',
    'export class Made<T> {',
    '  readonly #cell = new Int32Array(4);',
    '  pid = 0;',
    '  map = async (items: T[]) => items;',
    '  public size: number;',
    '  override readonly name: string;',
    '  async join(): Promise<void> {}',
    '  get value(): number {',
    '    return 1;',
    '  }',
    '  start<U>(): void {}',
    '  async [Symbol.asyncDispose](): Promise<void> {}',
    '  start2 (): void {}',
    '}',
  ].join('\n');

  it.each([
    ['cell', 5],
    ['pid', 6],
    ['map', 7],
    ['size', 8],
    ['name', 9],
    ['join', 10],
    ['value', 11],
    ['start', 14],
    ['[Symbol.asyncDispose]', 15],
    ['start2', 16],
    ['stop', 4],
    ['Made', 4],
  ])('%s: line %i', (member, line) => {
    expect(lineOf(source, member)).toBe(line);
  });

  it('nothing of it and no export: the first line', () => {
    expect(lineOf('// nothing\nconst x = 1;\n', 'join')).toBe(1);
  });
});

describe("A counterexample, in a learner's words", () => {
  it.each([
    [{ behaviour: 'succeed', value: 3 }, 'returns 3'],
    [{ behaviour: 'succeed', value: 3, ms: 20 }, 'returns 3 after 20 ms'],
    [{ behaviour: 'throw', value: 0 }, 'throws'],
    [{ behaviour: 'exit', value: 2, ms: 0 }, 'calls process.exit(2)'],
    [{ behaviour: 'kill', value: 0, ms: 5 }, 'is killed (SIGKILL) after 5 ms'],
    [{ behaviour: 'large', value: 0 }, 'returns a large value'],
    [{ behaviour: 'unclonable', value: 0 }, 'returns a value that cannot be sent'],
  ] as const)('a task that %o: %s', (each, words) => {
    expect(act(each)).toBe(words);
  });

  it('how a task ends', () => {
    expect(ending).toEqual({ return: 'returns', exit: 'calls process.exit()', throw: 'throws', kill: 'is killed (SIGKILL)' });
  });

  const scenario = (changes: Partial<Scenario>): Scenario => ({
    backend: 'Pool',
    size: 2,
    chunksize: 1,
    warm: false,
    acts: [{ behaviour: 'succeed', value: 1 }],
    ending: 'join',
    when: 'settled',
    delayMs: 0,
    busyMs: 0,
    ...changes,
  });

  it.each([
    [{}, 'a program whose Pool maps tasks that returns 1, then joins them'],
    [
      {
        backend: 'Process',
        acts: [
          { behaviour: 'throw', value: 0 },
          { behaviour: 'exit', value: 1, ms: 3 },
        ],
        ending: 'nothing',
      },
      'a program whose processes run tasks that throws; calls process.exit(1) after 3 ms, then forgets them',
    ],
    [{ ending: 'await-using' }, 'a program whose Pool maps tasks that returns 1, then disposes of the pool (await using)'],
    [{ ending: 'terminate', when: 'running' }, 'a program whose Pool maps tasks that returns 1, then terminates while they run'],
    [{ ending: 'close-join' }, 'a program whose Pool maps tasks that returns 1, then closes and joins'],
  ] as [Partial<Scenario>, string][])('a program: %o', (changes, words) => {
    expect(program(scenario(changes))).toBe(words);
  });

  it('downloads', () => {
    expect(ms([10, 250])).toBe('2 downloads, of 10 ms, 250 ms');
  });

  it('what each property is given of the learner’s class', () => {
    class Sized {
      readonly size: number | undefined;
      constructor(size?: number) {
        this.size = size;
      }
    }
    const ref = { module: 'file:///x.ts', name: 'Sized' };
    expect(theClass(Sized)).toBe(Sized);
    expect((sized(Sized)(3) as Sized).size).toBe(3);
    expect(sized(Sized)()).toBeInstanceOf(Sized);
    expect(byRef(Sized, ref)).toBe(ref);
    expect(realBank(Sized, ref)).toEqual({ Account: Sized, accountClass: ref });
  });
});
