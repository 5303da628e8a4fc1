/**
 * The learning path is judged honestly, both ways: every lesson's starting file fails and says what to
 * write; ours (src/) in the learner's place passes every lesson; typical wrong answers (lessons/N-name/wrong/)
 * are rejected, each naming its mistake. `npm run learn` itself is spec/tools/learn-cli.spec.ts.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import process from 'node:process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hintText, solutionText } from '../../lessons/hint.ts';
import { type Failure, judge, root, type Verdict } from '../../lessons/judge.ts';
import type { Lesson } from '../../lessons/lesson.ts';
import { folderOf, lessonNamed, lessons, solutionFile, startFile, wrongAnswerFile } from '../../lessons/lessons.ts';
import { failureScreen } from '../../scripts/learn/screens.ts';
import { typeErrors } from '../../scripts/learn/type-errors.ts';

const named = (name: string) => lessonNamed(name) as Lesson;

/** The verdict of the judge's own program (`node lessons/judge.ts LESSON FILE`), as `npm run learn` gets it. */
async function judgedApart(lesson: string, path: string): Promise<Verdict> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(root, 'lessons', 'judge.ts'), lesson, path], { timeout: 120_000 });
  return JSON.parse(stdout) as Verdict;
}

/** Every property of claims/properties/ and every model of claims/models/, by module and export name. */
async function everyProperty(): Promise<{ name: string; property: { judges: readonly string[] } }[]> {
  const found = [];
  const files = ['properties', 'models'].flatMap((folder) =>
    readdirSync(join(root, 'claims', folder))
      .filter((each) => each.endsWith('.ts'))
      .map((file) => join(root, 'claims', folder, file)),
  );
  for (const path of files) {
    const file = relative(join(root, 'claims'), path);
    const module = (await import(path)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      const property = value as { judges?: unknown; check?: unknown };
      if (typeof property?.check === 'function' && Array.isArray(property.judges))
        found.push({ name: `${file} ${name}`, property: property as { judges: string[] } });
    }
  }
  return found;
}

describe('A lesson runs every property our own class in its place is held to', () => {
  it("each property that judges a lesson's class (its `judges`) is one of the lesson's checks, or the lesson says why it does not apply", async () => {
    const properties = await everyProperty();
    expect(properties.length, 'properties found in claims/properties/ and claims/models/').toBeGreaterThan(20);
    const missing = lessons.flatMap((lesson) =>
      properties
        .filter(({ property }) => property.judges.includes(lesson.export))
        .filter(
          ({ property }) =>
            !lesson.checks.some((check) => 'property' in check && (check.property === property || check.property.narrows === property)) &&
            !lesson.notJudged?.some((each) => each.property === property),
        )
        .map(({ name }) => `lesson ${lesson.name} (${lesson.export}) does not run ${name}`),
    );
    expect(missing).toEqual([]);
    // Each reason given is for a property that does judge the class, and says something.
    for (const lesson of lessons) {
      for (const { property, why } of lesson.notJudged ?? []) {
        expect(property.judges).toContain(lesson.export);
        expect(why.length).toBeGreaterThan(20);
      }
      for (const check of lesson.checks)
        if ('property' in check && check.property.narrows !== undefined) expect(check.property.why?.length).toBeGreaterThan(20);
    }
  });
});

describe('The lessons (lessons/): judged by the claim properties, honestly both ways', () => {
  for (const lesson of lessons) {
    it(`lesson ${lesson.name}: its starting file fails, saying what to write, and ours (${lesson.ours}) passes every claim`, async () => {
      const start = await judge(lesson, startFile(lesson));
      const failure = start.failure;
      expect(failure, 'the starting file passed').toBeDefined();
      // It says what to write (or, for the account, the document's own mistake), and where.
      expect(failure?.notWritten ?? failure?.mistake, `what to write, for ${JSON.stringify(failure)}`).toBeDefined();
      expect(failure?.look).toMatch(new RegExp(`^lessons/${folderOf(lesson)}/start.ts:\\d+$`));
      expect(failure?.failed).not.toMatch(/ at .*\(file:/);
      const passed = await judge(lesson, join(root, lesson.ours), { quick: true });
      expect(passed.failure, JSON.stringify(passed.failure)).toBeUndefined();
      expect(passed.holding).toEqual([...new Set(lesson.checks.flatMap((check) => check.claim ?? []))]);
      expect(passed.kept).toEqual(lesson.checks.flatMap((check) => check.contract ?? []));
    });
  }
});

/** Each typical wrong answer, the lesson it answers, and what its rejection must name. */
const wrongAnswers: readonly { file: string; lesson: string; claim?: string; contract?: RegExp; mistake: RegExp; story?: boolean; apart?: boolean }[] = [
  { file: 'join-at-once.ts', lesson: 'process', claim: 'process.concurrent', mistake: /join\(\) returned while the child was still running/ },
  // Judged on the same runs as process.concurrent (the judge shares them): a wrong pid is still told.
  { file: 'parent-pid.ts', lesson: 'process', claim: 'process.own-pid', mistake: /the pid of the child that start\(\) started/ },
  { file: 'eager-map.ts', lesson: 'pool', claim: 'pool.waits', mistake: /map\(\) resolved before all its tasks had ended/ },
  { file: 'completion-order.ts', lesson: 'pool', claim: 'pool.waits', mistake: /not in the items' order/ },
  { file: 'module-level-counter.ts', lesson: 'counter', claim: 'thread.shared-memory', mistake: /a module-level variable/ },
  { file: 'plain-counter.ts', lesson: 'counter', claim: 'thread.shared-memory', mistake: /Increments were lost/ },
  { file: 'load-then-store-counter.ts', lesson: 'counter', claim: 'thread.shared-memory', mistake: /Increments were lost/, story: true },
  { file: 'check-then-set-lock.ts', lesson: 'lock', claim: 'lock.mutual-exclusion', mistake: /checking that it is free and then setting it/, story: true },
  { file: 'silent-release-lock.ts', lesson: 'lock', claim: 'lock.mutual-exclusion', mistake: /release\(\) must wake a sleeper/, story: true },
  { file: 'no-finally-account.ts', lesson: 'account', claim: 'lock.release-on-error', mistake: /release it in `finally`/, story: true },
  { file: 'read-before-lock-account.ts', lesson: 'account', claim: 'lock.exact-balance', mistake: /two deposits read the same balance/, story: true },
  // The contract our classes keep beyond the claims, and the mistakes that break it.
  // Judged apart, by the judge's own program: its start()'s rejections, which nobody awaits, would be this run's unhandled errors.
  { file: 'async-start.ts', lesson: 'process', contract: /ends by itself/, mistake: /Is start\(\) async\?/, apart: true },
  { file: 'join-swallows.ts', lesson: 'process', contract: /join rejects/, mistake: /join\(\) resolved though the child's task failed/ },
  { file: 'join-once.ts', lesson: 'process', contract: /the whole contract/, mistake: /A second join\(\) did not settle as the first/ },
  { file: 'join-time-limit.ts', lesson: 'process', contract: /the whole contract/, mistake: /never for a timer or a time limit/ },
  { file: 'early-reject-pool.ts', lesson: 'pool', contract: /every failure/, mistake: /rejected with one task's error/ },
  { file: 'undisposed-pool.ts', lesson: 'pool', contract: /every failure/, mistake: /still running after the pool was disposed of/ },
  { file: 'dead-runner-kept.ts', lesson: 'pool', contract: /every failure/, mistake: /start a new runner in its place/ },
  { file: 'array-cast-pool.ts', lesson: 'pool', contract: /any iterable/, mistake: /read them by iterating/ },
  { file: 'dispose-once-pool.ts', lesson: 'pool', contract: /disposing of the pool may be done twice/, mistake: /a second time must resolve/ },
  { file: 'private-count-counter.ts', lesson: 'counter', claim: 'thread.shared-memory', mistake: /counted in a number of its own/, story: true },
  { file: 'count-after-counter.ts', lesson: 'counter', claim: 'thread.shared-memory', mistake: /returned the count after/, story: true },
  { file: 'spinning-lock.ts', lesson: 'lock', claim: 'lock.mutual-exclusion', mistake: /without sleeping \(a spin\)/, story: true },
  { file: 'timeout-ignoring-lock.ts', lesson: 'lock', contract: /gives up once its time has passed/, mistake: /ignored its timeout/, story: true },
  { file: 'swallowing-account.ts', lesson: 'account', claim: 'lock.release-on-error', mistake: /returned as if it had succeeded/, story: true },
  { file: 'double-release-account.ts', lesson: 'account', claim: 'lock.exact-balance', mistake: /released the lock twice/, story: true },
  { file: 'catch-release-account.ts', lesson: 'account', claim: 'lock.release-on-error', mistake: /released the lock twice/, story: true },
  // The whole contract as a model (claims/models/): one wrong answer per kind of mistake that applies to the lesson's class.
  { file: 'cached-value-counter.ts', lesson: 'counter', contract: /^one count/, mistake: /never keep a copy/ },
  { file: 'own-value-counter.ts', lesson: 'counter', contract: /^one count/, mistake: /the count lives in the buffer alone/ },
  { file: 'module-buffer-counter.ts', lesson: 'counter', contract: /a new counter starts at 0/, mistake: /never one the whole module shares/ },
  { file: 'thread-id-lock.ts', lesson: 'lock', contract: /the main one too/, mistake: /The main thread's threadId is 0/ },
  { file: 'own-flag-lock.ts', lesson: 'lock', contract: /through any Lock over the buffer/, mistake: /not in a field of one Lock object/ },
  { file: 'wordless-errors-lock.ts', lesson: 'lock', contract: /the main one too/, mistake: /A refused release threw an error with an empty message/ },
  { file: 'lenient-release-lock.ts', lesson: 'lock', claim: 'lock.mutual-exclusion', mistake: /A thread that did not hold the lock released it/, story: true },
  { file: 'zero-waits-lock.ts', lesson: 'lock', contract: /gives up in time by the real clock/, mistake: /0 is a timeout too/ },
  { file: 'python-seconds-lock.ts', lesson: 'lock', contract: /gives up in time by the real clock/, mistake: /timeoutMs counts milliseconds/ },
  { file: 'thread-age-lock.ts', lesson: 'lock', contract: /gives up in time by the real clock/, mistake: /performance\.now\(\) alone is the thread's age/ },
  { file: 'plain-timeout-error-lock.ts', lesson: 'lock', claim: 'lock.mutual-exclusion', mistake: /something other than a LockTimeoutError/, story: true },
  { file: 'rounding-account.ts', lesson: 'account', contract: /bad money is refused/, mistake: /must be refused as add\(\) refuses it/ },
  { file: 'plain-error-account.ts', lesson: 'account', contract: /bad money is refused/, mistake: /do not catch add\(\)'s error to throw another/ },
];

describe('Typical wrong answers (lessons/N-name/wrong/) are rejected, each naming its mistake', () => {
  for (const { file, lesson, claim, contract, mistake, story, apart } of wrongAnswers) {
    it(`lesson ${lesson} rejects its wrong answer ${file}, by ${claim ?? `the contract (${contract?.source})`}`, async () => {
      const path = wrongAnswerFile(named(lesson), file);
      const { failure } = apart ? await judgedApart(lesson, path) : await judge(named(lesson), path);
      expect(failure?.claim, JSON.stringify(failure)).toBe(claim);
      if (contract !== undefined) expect(failure?.contract).toMatch(contract);
      expect(failure?.mistake ?? `no mistake named, for ${JSON.stringify(failure)}`).toMatch(mistake);
      expect(failure?.look).toMatch(new RegExp(`^lessons/${folderOf(named(lesson))}/wrong/${file}:\\d+$`));
      // A schedule's fault is told step by step, with the schedule that replays it.
      // The screen speaks the lesson's words: the test runner's and the scheduler's own only with --verbose.
      const screen = failureScreen(named(lesson), path, failure as Failure, { hint: 0, verbose: false }, undefined);
      expect(screen).not.toMatch(/coordinator|did not replay|expected .* to (be|equal|deeply equal|strictly equal) /);
      if (failure?.diagnostics !== undefined) {
        expect(failureScreen(named(lesson), path, failure, { hint: 0, verbose: true }, undefined)).toContain(failure.diagnostics.split('\n')[0]);
      }
      if (story) expect(failure?.story?.length, 'steps in the story').toBeGreaterThan(1);
      if (story) expect(failure?.schedule).toMatch(/^\d(\*\d+)?(,\d(\*\d+)?)*$/);
    });
  }
});

describe("Hints teach before they tell; our answer, pasted in place of the learner's file, compiles and passes", () => {
  // Beside the learner's own folder, at the same depth: a file pasted here imports what theirs would.
  const folder = join(root, 'lessons', `.scratch-answers-${process.pid}`);
  beforeAll(() => mkdirSync(folder, { recursive: true }));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  for (const lesson of lessons) {
    it(`lesson ${lesson.name}: a nudge with no code, then more, in prose; the file --solution shows, pasted as the learner's, compiles and passes`, async () => {
      const [nudge, ...more] = lesson.hints;
      expect(more.length, 'more than a nudge').toBeGreaterThan(0);
      // Prose: one paragraph each, no listing, no block, no arrow, no assignment; the nudge calls nothing.
      for (const part of lesson.hints) expect(part).not.toMatch(/\n|[{}]|=>| = /);
      expect(nudge).not.toMatch(/\w\([^)]/);
      expect(hintText(lesson, 1)).toContain(nudge);
      expect(hintText(lesson, 1)).not.toContain(more[0]);
      expect(hintText(lesson, lesson.hints.length)).toContain(`More: ${more.at(-1)}`);
      expect(hintText(lesson, lesson.hints.length)).toContain(`npm run learn -- --solution --lesson ${lesson.name}`);
      const shown = solutionText(lesson);
      const pasted = join(folder, lesson.file);
      writeFileSync(pasted, shown.slice(shown.indexOf('\n\n') + 2));
      expect(readFileSync(pasted, 'utf8').trim()).toBe(readFileSync(solutionFile(lesson), 'utf8').trim());
      expect(await typeErrors(pasted)).toEqual([]);
      const { failure, holding } = await judge(lesson, pasted, { quick: true });
      expect(failure, JSON.stringify(failure)).toBeUndefined();
      expect(holding).toEqual([...new Set(lesson.checks.flatMap((check) => check.claim ?? []))]);
    });
  }
});
