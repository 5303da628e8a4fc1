/**
 * `npm run learn`, as a learner runs it: its flags, the path from lesson 1, a file that does not compile,
 * code that hangs, a reset, progress; and the README's Learn section.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundFor } from '../../claims/support/bounds.ts';
import { killAll, taggedWith } from '../../claims/support/process-table.ts';
import { runProgram } from '../../claims/support/program.ts';
import { root } from '../../lessons/judge.ts';
import type { Lesson } from '../../lessons/lesson.ts';
import { lessonNamed, lessons } from '../../lessons/lessons.ts';

const named = (name: string) => lessonNamed(name) as Lesson;
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

it("the README's Learn section names every lesson, its file's claims, and every flag", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Learn'), readme.indexOf('## See it live'));
  for (const lesson of lessons) {
    expect(section).toContain(`\`${lesson.name}\``);
    for (const check of lesson.checks) if (check.claim !== undefined) expect(section).toContain(`\`${check.claim}\``);
  }
  for (const flag of ['--watch', '--hint', '--solution', '--lesson', '--file', '--reset', '--help', '--play', '--moves']) expect(section).toContain(flag);
});

/**
 * How long one `npm run learn` may take before it is called hung: the one bound (claims/support/bounds.ts), by
 * what starting a child costs here and now, for forty children. Judged quickly, ours in lesson 1 starts 39
 * (the learner's program, the judge, its lanes and what its checks start); a wrong answer, fewer.
 */
const learnBound = () => boundFor([], 40);
/**
 * The test runner's bound for a test whose every wait is bounded by itself: none. Its own, the same for
 * every test, once fired first on a loaded machine (a coverage run in CI), on a test of seven calls that
 * were slow but not hung, naming none of them.
 */
const boundedByItsWaits = 0;

describe('npm run learn', () => {
  // A scratch workspace beside the learner's (lessons/yours/), which it leaves alone.
  const workspace = `.scratch-spec-${process.pid}`;
  const folder = join(root, 'lessons', workspace);
  /** Runs `npm run learn` to its end; one that has not ended within its bound is hung: it is killed, and the test fails naming it. */
  const learn = async (args: string[], env: NodeJS.ProcessEnv = {}, told?: number) => {
    const boundMs = told ?? (await learnBound());
    const ended = await runProgram(join(root, 'scripts', 'learn.ts'), args, boundMs, { ...process.env, LEARN_WORKSPACE: workspace, NO_COLOR: '1', ...env });
    if (ended.timedOut)
      throw new Error(
        `${['npm run learn', ...args].join(' ')} did not end within ${(boundMs / 1000).toFixed(1)} s, and was killed. It printed:\n${ended.stdout}${ended.stderr}`,
      );
    return ended;
  };
  /** Runs `npm run learn` with `input` typed at its question; resolves with what it printed. */
  const answering = (args: string[], input: string) =>
    new Promise<string>((done) => {
      const child = spawn(process.execPath, [join(root, 'scripts', 'learn.ts'), ...args], {
        env: { ...process.env, LEARN_WORKSPACE: workspace, NO_COLOR: '1' },
      });
      let printed = '';
      child.stdout.on('data', (chunk) => (printed += chunk));
      child.on('exit', () => done(printed));
      child.stdin.end(input);
    });
  // Gone before as well as after: a run that was killed leaves its folder, and pids are reused.
  beforeAll(() => rmSync(folder, { recursive: true, force: true }));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it(
    '--help lists every lesson and every flag; a bad flag or an unknown lesson is refused, listing what exists',
    async () => {
      const help = await learn(['--help']);
      expect(help.code).toBe(0);
      for (const lesson of lessons) expect(help.stdout).toContain(lesson.name);
      for (const flag of ['--lesson', '--watch', '--hint', '--solution', '--reset', '--file', '--help']) expect(help.stdout).toContain(flag);
      const badFlag = await learn(['--lessons', 'pool']);
      expect(badFlag.code).toBe(2);
      expect(badFlag.stderr).toMatch(/Unknown option '--lessons'.*The options are --lesson NAME/);
      const unknown = await learn(['--lesson', 'mutex']);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain(`There is no lesson "mutex". The lessons are: ${lessons.map((lesson) => lesson.name).join(', ')}.`);
    },
    boundedByItsWaits,
  );

  it(
    'starts the path: copies the starting files, judges lesson 1, says what to write and where; keeps progress',
    async () => {
      const first = await learn([]);
      // A lesson that fails exits 1, as a failing test run does: `npm run learn && git commit` means what it says.
      expect(first.code, first.stderr).toBe(1);
      for (const lesson of lessons) expect(existsSync(join(folder, lesson.file))).toBe(true);
      expect(first.stdout).toContain('Lesson 1 of 5');
      expect(first.stdout).toContain('0 of 5 lessons done · 0 of 9 claims hold');
      expect(first.stdout).toMatch(new RegExp(`Write this: +start\\(\\)[^\\n]*\\n +Look at: +lessons/${workspace}/1-process.ts:\\d+`));
      expect(first.stdout).not.toContain('Hint:');
      // Ours in the learner's place: lesson 1 passes and is recorded, and the path goes on to lesson 2.
      writeFileSync(join(folder, '1-process.ts'), "export { Process } from '../../lessons/1-process/wrong/join-at-once.ts';\n");
      // A hint teaches before it tells: a nudge, then more on asking again; our answer only when asked for by name.
      const [nudge, more] = named('process').hints;
      const wrong = await learn(['--hint']);
      expect(wrong.stdout).toContain('The mistake:');
      expect(wrong.stdout).toContain('Hint:');
      expect(wrong.stdout).toContain(nudge);
      expect(wrong.stdout).not.toContain(more);
      const again = await learn(['--hint']);
      expect(again.stdout).toContain(`More: ${more}`);
      expect(again.stdout).toContain('npm run learn -- --solution --lesson process');
      expect(again.stdout).not.toContain('startChild(this.target, this.args, this.options);\n');
      const answer = await learn(['--solution']);
      expect(answer.code).toBe(0);
      expect(answer.stdout).toContain(readFileSync(join(root, 'lessons', '1-process', 'solution.ts'), 'utf8').trim());
      writeFileSync(join(folder, '1-process.ts'), "export { Process } from '../../src/process.ts';\n");
      // Judged quickly: the claim specs run lesson 1's properties on ours in full.
      const passed = await learn([], { LEARN_JUDGE: 'quick' });
      expect(passed.code, 'lesson 2, still the starting file, fails').toBe(1);
      expect(passed.stdout).toContain('✓ Lesson 1 of 5');
      expect(passed.stdout).toContain('What it taught:');
      expect(passed.stdout).toContain('Lesson 2 of 5');
      expect(passed.stdout).toContain('1 of 5 lessons done');
      expect(JSON.parse(readFileSync(join(folder, 'progress.json'), 'utf8'))).toEqual({
        passed: ['process'],
        sources: { process: sha256(join(folder, '1-process.ts')) },
        won: [],
        hints: { process: 2 },
      });
      const only = await learn(['--lesson', 'process'], { LEARN_JUDGE: 'quick' });
      expect(only.code, 'every lesson it judged passed').toBe(0);
      // A lesson that holds in part (its claims, but not the contract) is not passed, and is no longer recorded as passed.
      writeFileSync(join(folder, '1-process.ts'), "export { Process } from '../../lessons/1-process/wrong/join-swallows.ts';\n");
      // Judged quickly (its claims are ours, judged in full by the claim specs): in full, a coverage run on a busy machine stopped it.
      const inPart = await learn(['--lesson', 'process'], { LEARN_JUDGE: 'quick' });
      expect(inPart.code, inPart.stdout).toBe(1);
      expect(inPart.stdout).toContain('0 of 5 lessons done · 3 of 9 claims hold');
      expect(inPart.stdout).toContain("✗ the contract: join rejects with the task's error");
      // Never silent: each check the verdict rests on is told as it ends, before the verdict. In the order their
      // lanes end them, which the machine's load decides: the contract's lane may end its failing check first,
      // and the third lane may end a check before that failure makes the rest unneeded.
      const [title, ...told] = inPart.stdout.slice(0, inPart.stdout.indexOf('Lesson 1 of 5')).trimEnd().split('\n');
      expect(title).toBe('Judging lesson 1, process');
      for (const line of told) expect(line).toMatch(/^ {2}[✓✗] .+ \(\d+\.\d s\)$/);
      const checks = told.map((line) => line.slice('  ✓ '.length, line.lastIndexOf(' (')));
      expect(checks).toEqual(
        expect.arrayContaining([
          'process.concurrent',
          'process.own-pid',
          'process.no-shared-counter',
          "the contract: join rejects with the task's error, or says how the child ended",
        ]),
      );
      expect(new Set(checks).size, 'each check told once').toBe(checks.length);
      expect(told.find((line) => line.includes("the contract: join rejects with the task's error"))).toMatch(/^ {2}✗/);
      expect(JSON.parse(readFileSync(join(folder, 'progress.json'), 'utf8'))).toEqual({ passed: [], sources: {}, won: [], hints: { process: 2 } });
    },
    boundedByItsWaits,
  );

  it(
    'once every lesson is done, a file changed since it passed is judged again, and a broken one fails the run',
    async () => {
      mkdirSync(folder, { recursive: true });
      // Every lesson passed, as recorded: ours in each file, with the digest of what passed.
      const ours: Record<string, string> = {
        process: "export { Process } from '../../src/process.ts';\n",
        pool: "export { Pool } from '../../src/pool.ts';\n",
        counter: "export { SharedCounter } from '../../src/shared-counter.ts';\n",
        lock: "export { Lock } from '../../src/lock.ts';\n",
        account: "export { Account } from '../../src/account.ts';\n",
      };
      for (const lesson of lessons) writeFileSync(join(folder, lesson.file), ours[lesson.name] as string);
      const sources = Object.fromEntries(lessons.map((lesson) => [lesson.name, sha256(join(folder, lesson.file))]));
      writeFileSync(join(folder, 'progress.json'), JSON.stringify({ passed: lessons.map((lesson) => lesson.name), sources, won: [] }));
      const unchanged = await learn([]);
      expect(unchanged.code, unchanged.stdout).toBe(0);
      expect(unchanged.stdout).toContain('All 5 lessons are done, and none of their files changed since it passed.');
      // Lesson 3 broken since it passed: judged again, it fails, and so does the run.
      writeFileSync(join(folder, '3-counter.ts'), readFileSync(join(root, 'lessons', '3-counter', 'start.ts'), 'utf8'));
      const broken = await learn([]);
      expect(broken.code, broken.stdout).toBe(1);
      expect(broken.stdout).toContain(`lessons/${workspace}/3-counter.ts changed since it passed: lesson 3 is judged again.`);
      expect(broken.stdout).toContain('Lesson 3 of 5');
      expect(broken.stdout).toContain('4 of 5 lessons done');
      expect(JSON.parse(readFileSync(join(folder, 'progress.json'), 'utf8')).passed).toEqual(['process', 'pool', 'lock', 'account']);
    },
    boundedByItsWaits,
  );

  it(
    'a file that does not compile shows its errors with file and line, and is not judged',
    async () => {
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, '2-pool.ts'), 'export class Pool {\n  readonly size: number = "four";\n  map( {\n}\n');
      const { stdout, code } = await learn(['--lesson', 'pool']);
      expect(code).toBe(1);
      expect(stdout).toContain(`lessons/${workspace}/2-pool.ts does not compile:`);
      expect(stdout).toMatch(new RegExp(`lessons/${workspace}/2-pool.ts:\\d+:\\d+: TS\\d+ `));
    },
    boundedByItsWaits,
  );

  it(
    '--watch judges at once and again at each save, saying that saving is enough; Ctrl-C ends it (130, as a shell reports SIGINT)',
    async () => {
      mkdirSync(folder, { recursive: true });
      const file = join(folder, '3-counter.ts');
      writeFileSync(file, readFileSync(join(root, 'lessons', '3-counter', 'start.ts'), 'utf8'));
      const watcher = spawn(process.execPath, [join(root, 'scripts', 'learn.ts'), '--watch', '--lesson', 'counter'], {
        env: { ...process.env, LEARN_WORKSPACE: workspace, NO_COLOR: '1' },
      });
      let printed = '';
      const shown = async (count: number) => {
        const boundMs = await learnBound();
        return new Promise<void>((done, failed) => {
          const bound = setTimeout(
            () => failed(new Error(`--watch printed ${count} verdicts' "Watching" within ${(boundMs / 1000).toFixed(1)} s? It printed:\n${printed}`)),
            boundMs,
          );
          const look = () => {
            if (printed.split('Watching ').length - 1 < count) return;
            clearTimeout(bound);
            watcher.stdout.off('data', look);
            done();
          };
          watcher.stdout.on('data', look);
          look();
        });
      };
      watcher.stdout.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk));
      const exited = new Promise<number | null>((done) => watcher.on('exit', (code) => done(code)));
      const endedBound = await learnBound();
      try {
        // The first verdict comes before "Watching" (once, when the watch starts), and the next after a save.
        await shown(1);
        expect(printed).toContain('Lesson 3 of 5');
        expect(printed).toContain(`Edit lessons/${workspace}/3-counter.ts and save it: the watch judges it again.`);
        expect(printed).not.toContain('then run npm run learn again');
        printed = '';
        writeFileSync(file, 'export class SharedCounter {\n  increment( {\n}\n');
        await shown(1);
        expect(printed).toContain(`lessons/${workspace}/3-counter.ts does not compile:`);
        expect(printed).toContain('and save it: the watch judges it again.');
      } finally {
        watcher.kill('SIGINT');
      }
      let bound: NodeJS.Timeout | undefined;
      const stillRunning = new Promise<string>((done) => (bound = setTimeout(() => done('still running'), endedBound)));
      expect(await Promise.race([exited, stillRunning]), `npm run learn --watch, ${(endedBound / 1000).toFixed(1)} s after Ctrl-C`).toBe(130);
      clearTimeout(bound);
    },
    boundedByItsWaits,
  );

  it('code that hangs is stopped at the bound, naming the lesson and what usually causes it', async () => {
    // npm run learn itself is given 30 s: it stops the code at 1.5 s.
    const { stdout, code } = await learn(['--lesson', 'process', '--file', 'lessons/1-process/wrong/spinning-start.ts'], { LEARN_BOUND_MS: '1500' }, 30_000);
    expect(code).toBe(1);
    expect(stdout).toContain('Lesson process: your code did not finish within 1.5 s, and was stopped.');
    expect(stdout).toContain(named('process').hangs);
  });

  // As a terminal sends it, to npm run learn alone: the judge runs in a group of its own, and hears nothing.
  it.each([
    ['process groups', {}],
    ['a tree walk, as taskkill /T does on Windows', { PROCESS_TABLE: 'portable' }],
  ])('Ctrl-C while the judge runs code that spins ends the judge and what it started, at once (by %s)', async (_, how) => {
    const tag = `learn-${process.pid}-${Date.now()}`;
    const env = { ...process.env, LEARN_WORKSPACE: workspace, NO_COLOR: '1', LEARN_BOUND_MS: '60000', PROCESS_VS_THREAD_LEARN: tag, ...how };
    const learning = spawn(
      process.execPath,
      [join(root, 'scripts', 'learn.ts'), '--lesson', 'process', '--file', 'lessons/1-process/wrong/spinning-child.ts'],
      {
        env,
        stdio: 'ignore',
      },
    );
    const ended = new Promise<[number | null, string | null]>((done) => learning.once('exit', (code, signal) => done([code, signal])));
    const tagged = () => taggedWith('PROCESS_VS_THREAD_LEARN', tag) ?? [];
    const spinning = () => tagged().filter(({ command }) => command.includes('for (;;);'));
    for (let waited = 0; spinning().length === 0; waited += 50) {
      if (waited > 30_000) throw new Error('the spinning child never started');
      await sleep(50);
    }
    learning.kill('SIGINT');
    expect(await ended).toEqual([130, null]);
    let left = tagged();
    for (let waited = 0; left.length > 0 && waited < 2_000; waited += 20) {
      await sleep(20);
      left = tagged();
    }
    killAll(left);
    expect(
      left.map(({ pid, command }) => `${pid} ${command}`),
      'left running 2 s after Ctrl-C',
    ).toEqual([]);
  });

  it('--reset asks first; "y" puts the starting file back and keeps yours beside it; anything else changes nothing', async () => {
    mkdirSync(folder, { recursive: true });
    const path = join(folder, '3-counter.ts');
    writeFileSync(path, '// my work\n');
    const refused = await answering(['--reset', 'counter'], 'n\n');
    expect(refused).toContain('Nothing changed.');
    expect(readFileSync(path, 'utf8')).toBe('// my work\n');
    const reset = await answering(['--reset', 'counter'], 'y\n');
    expect(reset).toContain('is the starting file again');
    expect(readFileSync(path, 'utf8')).toBe(readFileSync(join(root, 'lessons', '3-counter', 'start.ts'), 'utf8'));
    expect(readFileSync(`${path}.before-reset`, 'utf8')).toBe('// my work\n');
    // A second reset keeps the second copy apart: the first is never overwritten.
    writeFileSync(path, '// my second try\n');
    await answering(['--reset', 'counter'], 'y\n');
    expect(readFileSync(`${path}.before-reset`, 'utf8')).toBe('// my work\n');
    expect(readFileSync(`${path}.before-reset-2`, 'utf8')).toBe('// my second try\n');
  });
});
