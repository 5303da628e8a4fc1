/**
 * `npm run test:stress`: a filter that matches no spec file is refused at once, not run N times red; the
 * word after --load names the load, and is no filter.
 */
import { execFile } from 'node:child_process';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const stress = fileURLToPath(new URL('../../scripts/stress.ts', import.meta.url));

describe('npm run test:stress', () => {
  it('a number where a spec file is expected is refused, saying how to give a number of runs and listing the spec files', async () => {
    await expect(promisify(execFile)(process.execPath, [stress, '3'], { timeout: 30_000 })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /No spec file matches "3" \(a number of runs is given as --runs N\)\. The spec files are:\n( {2}spec\/\S+\.spec\.ts\n)*? {2}spec\/bad-input\.spec\.ts\n/,
      ),
    });
  });

  it('--load heavy is a load, not a filter: `heavy` after --load is not taken for a spec file, and --help says what it starts', async () => {
    await expect(promisify(execFile)(process.execPath, [stress, '--load', 'heavy', 'no-such-file'], { timeout: 30_000 })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/^No spec file matches "no-such-file"\. The spec files are:/),
    });
    const { stdout } = await promisify(execFile)(process.execPath, [stress, '--help'], { timeout: 30_000 });
    expect(stdout).toMatch(/--load heavy +two busy loops per core, and beside them a process that starts a hundred threads/);
  });
});
