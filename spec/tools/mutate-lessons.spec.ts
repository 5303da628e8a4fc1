/**
 * `npm run mutate:lessons`: a lesson it does not know is refused at once, naming the lessons, before Stryker
 * starts (a full run takes minutes); --help says what a name and --force do.
 */
import { execFile } from 'node:child_process';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const mutateLessons = fileURLToPath(new URL('../../scripts/mutate-lessons.ts', import.meta.url));

describe('npm run mutate:lessons', () => {
  it('a lesson it does not know is refused, naming the lessons; --help says what it judges', async () => {
    await expect(promisify(execFile)(process.execPath, [mutateLessons, 'lock', 'locks'], { timeout: 30_000 })).rejects.toMatchObject({
      code: 2,
      stderr: 'No lesson named locks; the lessons: process, pool, counter, lock, account.\n',
    });
    const { stdout } = await promisify(execFile)(process.execPath, [mutateLessons, '--help'], { timeout: 30_000 });
    expect(stdout).toMatch(/^Usage: npm run mutate:lessons -- \[--force\] \[LESSON\.\.\.\]\n/);
    expect(stdout).toMatch(/--force +judges every mutant again/);
  });
});
