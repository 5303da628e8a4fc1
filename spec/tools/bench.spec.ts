/**
 * `npm run bench`, without running it: its help names `--lines` and what a first run downloads, a bad
 * `--lines` is refused before anything is measured or fetched, and the choices behind both (which lines
 * run, which Nodes are downloaded, what the bench says first) hold for every input.
 */
import { execFile } from 'node:child_process';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { benchLines, chooseLines } from '../../scripts/bench/lines.ts';
import { fetchNote, nodeLines, toFetch } from '../../scripts/runtimes.ts';
import { prop } from '../support/prop.ts';

const bench = fileURLToPath(new URL('../../scripts/bench.ts', import.meta.url));
const run = (...args: string[]) => promisify(execFile)(process.execPath, [bench, ...args], { timeout: 30_000 });
const versions = nodeLines();
const version = fc.constantFrom(...Object.values(versions), '20.19.0', '27.0.0');

describe('npm run bench', () => {
  it('--help names --lines, what it takes, and what a first run downloads, where to and about how much', async () => {
    const { stdout } = await run('--help');
    expect(stdout).toContain('--lines L');
    expect(stdout).toContain('current (only this Node, nothing to download) or lines of 24, 26 separated by commas');
    expect(stdout).toMatch(/Downloads: a line's Node not yet in \S+node-lines\nis downloaded before the first figure, about 200 MB on disk each/);
    expect(stdout).toContain('--lines current downloads nothing');
  });

  it.each(['22', '24,', 'all', ''])('--lines %j is refused: exit 2, naming what was given and what is allowed', async (given) => {
    await expect(run('--runs', '3', '--lines', given)).rejects.toMatchObject({
      code: 2,
      stdout: '',
      stderr: `--lines takes current (only this Node, nothing to download) or lines of 24, 26 separated by commas (e.g. --lines 24,26); got "${given}"\n`,
    });
  });
});

describe('--lines', () => {
  it('absent, it means every line the bench measures', () => {
    expect(chooseLines(undefined, versions, process.version)).toEqual({ lines: ['24', '26'] });
  });

  prop([fc.subarray(benchLines, { minLength: 1 }).chain((lines) => fc.shuffledSubarray(lines, { minLength: lines.length }))])(
    'lines named in any order are those lines, in the bench order',
    (named) => {
      expect(chooseLines(named.join(','), versions, process.version)).toEqual({ lines: benchLines.filter((line) => named.includes(line)) });
    },
  );

  prop([version])('current is the lines whose version is the Node that runs: none when it is none of them', (running) => {
    expect(chooseLines('current', versions, `v${running}`)).toEqual({ lines: benchLines.filter((line) => versions[line] === running) });
  });

  prop([fc.string().filter((value) => value !== 'current' && !value.split(',').every((line) => benchLines.includes(line)))])(
    'anything else is an error that quotes it',
    (value) => {
      expect(chooseLines(value, versions, process.version)).toEqual({ error: expect.stringContaining(`got "${value}"`) });
    },
  );
});

describe('what is downloaded', () => {
  prop([fc.array(version), version, fc.func(fc.boolean())])(
    'every version wanted that is neither the Node that runs nor cached, once each, and nothing else',
    (wanted, running, inCache) => {
      const fetched = toFetch(wanted, `v${running}`, inCache);
      expect(new Set(fetched).size).toBe(fetched.length);
      for (const each of new Set(wanted)) expect(fetched.includes(each)).toBe(each !== running && !inCache(each));
      for (const each of fetched) expect(wanted).toContain(each);
    },
  );

  it('nothing to download, nothing said', () => {
    expect(fetchNote([], '/cache', 'To do without: --lines current.')).toBeUndefined();
  });

  prop([fc.uniqueArray(version, { minLength: 1 })])(
    'before a download, one line says which Nodes, where to, about how much, and how to do without',
    (fetched) => {
      const note = fetchNote(fetched, '/cache/node-lines', 'To do without: --lines current.') as string;
      for (const each of fetched) expect(note).toContain(`Node ${each}`);
      expect(note).toContain('into /cache/node-lines');
      expect(note).toContain(`about ${fetched.length * 200} MB on disk`);
      expect(note).toMatch(/To do without: --lines current\.$/);
      expect(note).not.toContain('\n');
    },
  );
});
