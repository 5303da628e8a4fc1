/**
 * How `npm run learn` has a file judged (scripts/learn/judging.ts): in a program of its own, the judge
 * (lessons/judge.ts), whose progress and verdict come over IPC, with what the judged code printed; a judge
 * that ends before its verdict is told as such, with the last of what it printed; one stopped is ended with
 * all it started. (A judging that outlasts the bound is spec/tools/learn-cli.spec.ts: the bound is read
 * once, as npm run learn starts.)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundFor } from '../../claims/support/bounds.ts';
import { descendantsOf, endedWithin } from '../../claims/support/process-table.ts';
import { lanesBeside, type Progress, type Verdict } from '../../lessons/judge.ts';
import type { Lesson } from '../../lessons/lesson.ts';
import { lessonNamed, solutionFile, startFile, wrongAnswerFile } from '../../lessons/lessons.ts';
import { judgeApart, warmUp } from '../../scripts/learn/judging.ts';
import { root } from '../../scripts/learn/workspace.ts';

const lesson = lessonNamed('process') as Lesson;
const folder = join(root, 'lessons', `.scratch-judging-${process.pid}`);
beforeAll(() => mkdirSync(folder, { recursive: true }));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A learner's file for lesson 1 that holds `text`. */
function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

describe('A judging in a program of its own', () => {
  it('the verdict and the progress the judge told, over IPC; nothing printed, none said', async () => {
    const told: Progress[] = [];
    const { verdict } = judgeApart(lesson, startFile(lesson), (progress) => told.push(progress));
    const { failure, printed } = await verdict;
    expect(failure?.notWritten).toMatch(/^start\(\)/);
    expect(printed).toBeUndefined();
    expect(told[0]).toMatchObject({ check: 'process.concurrent', state: 'started' });
    expect(told).toContainEqual(expect.objectContaining({ check: 'process.concurrent', state: 'failed' }));
  });

  it('what the judged code printed, on either stream, comes with the verdict', async () => {
    const path = file('prints.ts', "console.log('said on stdout');\nconsole.error('said on stderr');\nexport const Process = 1;\n");
    const { failure, printed } = await judgeApart(lesson, path).verdict;
    expect(failure?.failed).toMatch(/exports no class `Process`/);
    expect(printed?.split('\n').sort()).toEqual(['said on stderr', 'said on stdout']);
  });

  it('a judge that ends before its verdict: how it ended, and the last twelve lines it printed', async () => {
    const lines = Array.from({ length: 14 }, (_, i) => `console.log('line ${i + 1}');`).join('\n');
    const path = file('exits.ts', `${lines}\nprocess.exit(3);\n`);
    const { lesson: judged, holding, failure } = await judgeApart(lesson, path).verdict;
    expect({ judged, holding }).toEqual({ judged: 'process', holding: [] });
    expect(failure?.failed).toBe(
      ['The judging of lesson process exited with code 3 before its verdict.', ...Array.from({ length: 12 }, (_, i) => `line ${i + 3}`)].join('\n'),
    );
  });

  it('stopped: the judge is ended with what it started, and the verdict says how', async () => {
    const path = file('hangs.ts', 'setInterval(() => {}, 1_000);\nawait new Promise(() => {});\nexport class Process {}\n');
    const judging = judgeApart(lesson, path);
    // Asked to stop before it could have loaded the file: the verdict comes anyway.
    judging.stop();
    const { failure } = await judging.verdict;
    expect(failure?.failed).toBe('The judging of lesson process was killed by SIGKILL before its verdict.');
  });
});

it("a judging that outlasts the bound is stopped, with all it started, and told as a hang in the lesson's words", async () => {
  const path = file('hangs-on.ts', 'setInterval(() => {}, 1_000);\nawait new Promise(() => {});\nexport class Process {}\n');
  const { holding, failure } = await judgeApart(lesson, path, undefined, 2_000).verdict;
  expect({ holding, failure }).toEqual({
    holding: [],
    failure: { failed: 'Lesson process: your code did not finish within 2 s, and was stopped.', mistake: `This is usually ${lesson.hangs}.` },
  });
  // No judge, nor any lane of one, is left: none waits ahead here, so any would be this judging's.
  const judges = () => (descendantsOf() ?? []).filter(({ command }) => /lessons.(judge|lane)\.ts/.test(command));
  expect(await endedWithin(judges, await boundFor()), 'judges still running').toEqual([]);
});

describe('A lesson in its lanes (programs of the judge, beside its own)', () => {
  /** Judged as `npm run learn` judges, the judge told to be quick (the meta-spec's): each check on two cases. */
  async function quickly(name: string, path: string, onProgress?: (progress: Progress) => void) {
    process.env.LEARN_JUDGE = 'quick';
    try {
      return await judgeApart(lessonNamed(name) as Lesson, path, onProgress).verdict;
    } finally {
      delete process.env.LEARN_JUDGE;
    }
  }

  it.each(['process', 'pool'])('lesson %s: our answer passes every check, in every lane, each told as it ended', async (name) => {
    const lesson = lessonNamed(name) as Lesson;
    const ended = new Set<number>();
    const { holding, kept, failure } = await quickly(name, solutionFile(lesson), ({ index, state }) => {
      if (state === 'held' && index !== undefined) ended.add(index);
    });
    expect(failure, JSON.stringify(failure)).toBeUndefined();
    expect(holding).toEqual([...new Set(lesson.checks.flatMap((check) => check.claim ?? []))]);
    expect(kept).toEqual(lesson.checks.flatMap((check) => check.contract ?? []));
    expect([...ended].sort((a, b) => a - b)).toEqual(lesson.checks.map((_, index) => index));
  });

  it.each([
    ['join-swallows.ts', { contract: "join rejects with the task's error, or says how the child ended" }, /resolved though the child's task failed/],
    ['join-at-once.ts', { claim: 'process.concurrent' }, /returned while the child was still running/],
  ])('a wrong answer (%s) fails in the lane its check runs in, and the verdict names that check and its mistake', async (file, named, mistake) => {
    const { failure } = await quickly('process', wrongAnswerFile(lesson, file));
    expect(failure).toMatchObject(named);
    expect(failure?.mistake).toMatch(mistake);
  });

  /**
   * Ours, `exported` from `from`, in a file that records each program that loads it as pid=program=lanes:
   * the judge (for its own lane) and each other lane, with how many lanes each has started by then.
   */
  function recordingLoads(name: string, exported: string, from: string) {
    const path = file(
      `${name}.ts`,
      [
        "import { appendFileSync } from 'node:fs';",
        "import { basename, join } from 'node:path';",
        "import process from 'node:process';",
        "import { descendantsOf } from '../../claims/support/process-table.ts';",
        "const lanes = (descendantsOf() ?? []).filter(({ command }) => command.includes('lane.ts')).length;",
        `appendFileSync(join(import.meta.dirname, '${name}.loads'), ' ' + process.pid + '=' + basename(process.argv[1] ?? '') + '=' + lanes);`,
        `export { ${exported} } from '${from}';`,
        '',
      ].join('\n'),
    );
    return {
      path,
      loadedBy: () =>
        readFileSync(join(folder, `${name}.loads`), 'utf8')
          .trim()
          .split(' '),
    };
  }

  it('a judge started for a file starts no lane ahead of it: only those its lesson has, once it has loaded the file', async () => {
    const { path, loadedBy } = recordingLoads('cold', 'Lock', '../4-lock/solution.ts');
    const { failure } = await quickly('lock', path);
    expect(failure).toBeUndefined();
    expect(
      loadedBy()
        .filter((each) => each.includes('=judge.ts='))
        .map((each) => each.split('=').slice(1).join('=')),
    ).toEqual(['judge.ts=0']);
    expect(loadedBy().filter((each) => each.includes('=lane.ts='))).toHaveLength(lanesBeside(lessonNamed('lock')));
  });

  /** The judges this process has started and that run, listed once each has started as the judge. */
  async function judgesRunning(count: number): Promise<number[]> {
    const judges = () => (descendantsOf() ?? []).filter(({ command }) => /lessons.judge\.ts/.test(command)).map(({ pid }) => pid);
    for (let waited = 0; judges().length < count && waited < 10_000; waited += 10) await sleep(10);
    return judges();
  }

  it('in a watch, the judge started ahead takes the next file, with the lanes it warmed for the lesson, as many as it has', async () => {
    // A lesson with fewer lanes than the most any has, which is what a judge warmed for no lesson starts.
    const account = lessonNamed('account') as Lesson;
    expect(lanesBeside(account)).toBeLessThan(lanesBeside(undefined));
    // Told to be quick as it starts, ahead of the file.
    process.env.LEARN_JUDGE = 'quick';
    try {
      warmUp('account');
    } finally {
      delete process.env.LEARN_JUDGE;
    }
    const [warm] = await judgesRunning(1);
    const { path, loadedBy } = recordingLoads('warm', 'Account', '../5-account/solution.ts');
    const { failure } = await judgeApart(account, path).verdict;
    expect(failure).toBeUndefined();
    expect(loadedBy().filter((each) => each.includes('=judge.ts='))).toEqual([`${warm}=judge.ts=${lanesBeside(account)}`]);
    expect(loadedBy().filter((each) => each.includes('=lane.ts='))).toHaveLength(lanesBeside(account));
  });

  // Linux: /proc tells when the judge has been reaped, so that its end has been seen here.
  it.runIf(process.platform === 'linux')('a judge started ahead that has died since is not used: a new one judges the file', async () => {
    warmUp('process');
    const [warm] = await judgesRunning(1);
    process.kill(warm as number, 'SIGKILL');
    for (let waited = 0; existsSync(`/proc/${warm}`) && waited < 10_000; waited += 10) await sleep(10);
    const { failure } = await judgeApart(lesson, startFile(lesson)).verdict;
    expect(failure?.notWritten).toMatch(/^start\(\)/);
  });

  it('a rejection the judged code left unawaited ends neither the judge nor a lane: the verdict is the contract it breaks', async () => {
    // Ours, but every start leaves a rejection no one awaits.
    const path = file(
      'leaves-a-rejection.ts',
      [
        "import { Process as Ours } from '../1-process/solution.ts';",
        'export class Process<Args extends unknown[]> extends Ours<Args> {',
        '  override start(): void {',
        "    void Promise.reject(new Error('left unawaited'));",
        '    super.start();',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
    const { failure } = await quickly('process', path);
    expect(failure).toMatchObject({
      contract: 'a program that uses it ends by itself, and a failed task fails nothing else',
      failed: expect.stringMatching(/^the program exited with code 1 \(1: an error nobody caught\)/),
    });
  });

  it('a lane that ends before its verdict fails its first check still owed, saying how it ended', async () => {
    // Ours, but a lane's program ends as it loads the file: the judge's own lane goes on.
    const path = file(
      'lane-exits.ts',
      "import process from 'node:process';\nif (process.argv[1]?.endsWith('lane.ts')) process.exit(7);\nexport { Process } from '../1-process/solution.ts';\n",
    );
    const lesson = lessonNamed('process') as Lesson;
    const { failure } = await quickly('process', path);
    const first = lesson.checks.findIndex((check) => check.lane !== undefined);
    const check = lesson.checks[first];
    expect(failure).toEqual({
      claim: check?.claim,
      contract: check?.contract,
      failed: `the program judging ${check?.claim ?? `the contract: ${check?.contract}`} exited with code 7 before its verdict`,
    });
  });
});

describe('The judge run by hand: node lessons/judge.ts <lesson> <file>', () => {
  const byHand = (...args: string[]) =>
    spawnSync(process.execPath, [join(root, 'lessons', 'judge.ts'), ...args], {
      encoding: 'utf8',
      env: { ...process.env, LEARN_JUDGE: 'quick' },
      timeout: 60_000,
    });

  it('prints its verdict, whole, as JSON, and ends', () => {
    const { status, stdout } = byHand('process', startFile(lesson));
    expect(status).toBe(0);
    const verdict = JSON.parse(stdout) as Verdict;
    expect(verdict).toMatchObject({ lesson: 'process', holding: [], failure: { claim: 'process.concurrent' } });
    expect(stdout).toBe(`${JSON.stringify(verdict, null, 2)}\n`);
  });

  it('a lesson it does not know: it says so, and fails', () => {
    const { status, stdout, stderr } = byHand('nothing', startFile(lesson));
    expect({ status, stdout }).toEqual({ status: 1, stdout: '' });
    expect(stderr).toContain('judge: no lesson named "nothing"');
  });
});
