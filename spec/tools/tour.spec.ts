/** `npm start`, the tour: its timelines draw what happened, and its programs run as the README says. */
import { execFile } from 'node:child_process';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { drawTimeline, legendOf, mostAtOnce, type Row } from '../../scripts/tour/timeline.ts';

const tour = fileURLToPath(new URL('../../scripts/tour.ts', import.meta.url));

function start(args: string[], env: Record<string, string> = {}) {
  return promisify(execFile)(process.execPath, [tour, ...args], { timeout: 30_000, env: { ...process.env, NO_COLOR: '1', ...env } });
}

const work = (from: number, to: number, mark?: string) => ({ kind: 'work' as const, from, to, ...(mark === undefined ? {} : { mark }) });

describe('The tour draws timelines', () => {
  it('two overlapping tasks are drawn as overlapping bars on one axis', () => {
    const rows: Row[] = [
      { label: 'process 1', segments: [{ kind: 'start', from: 0, to: 10 }, work(10, 100)] },
      { label: 'process 2', segments: [{ kind: 'start', from: 5, to: 20 }, work(20, 60)] },
    ];
    expect(drawTimeline(rows, { width: 20 })).toEqual([
      'process 1 │··██████████████████',
      'process 2 │ ···████████        ',
      '          └───────────── 100 ms',
    ]);
    expect(mostAtOnce(rows)).toBe(2);
    expect(legendOf(rows)).toBe('· starting  █ working');
  });

  it('deposits the lock serialised are never two at once; many rows are sampled, and all are counted', () => {
    const rows: Row[] = Array.from({ length: 30 }, (_, i) => ({
      label: `thread ${i}`,
      segments: [{ kind: 'wait', from: 0, to: i * 10 }, work(i * 10, i * 10 + 10)],
    }));
    const lines = drawTimeline(rows, { width: 30, maxRows: 4 });
    expect(lines[0]).toBe(' thread 0 │█                             ');
    expect(lines[3]).toBe('thread 29 │░░░░░░░░░░░░░░░░░░░░░░░░░░░░░█');
    expect(lines[4]).toContain('… 26 more rows not drawn; all 30 are counted below');
    expect(lines[5]).toBe('  at once │111111111111111111111111111111');
    expect(mostAtOnce(rows)).toBe(1);
    expect(legendOf(rows)).toBe('░ waiting  █ working; at once: how many rows work at once in that column (+ for 10 or more)');
  });

  it('a row that runs several tasks marks where each began, and nothing is drawn for no rows', () => {
    expect(drawTimeline([{ label: 'p', segments: [work(0, 50, '1'), work(50, 100, '3')] }], { width: 10 })[0]).toBe('      p │1████3████');
    expect(legendOf([{ label: 'p', segments: [work(0, 50, '1')] }])).toBe('█ working; a digit on a bar: the item that row began there');
    expect(drawTimeline([])).toEqual([]);
  });
});

describe('npm start', () => {
  it('runs one program on its own: Ping/Pong in processes prints 10 of each, then names its claim', async () => {
    const { stdout } = await start(['ping-pong']);
    expect(stdout.match(/^Ping$/gm)).toHaveLength(10);
    expect(stdout.match(/^Pong$/gm)).toHaveLength(10);
    expect(stdout).toContain('Claim process.no-shared-counter');
    expect(stdout).not.toContain('\u001b[');
  });

  it('--help lists the programs and flags; an unknown program or flag is refused with the usage', async () => {
    const { stdout } = await start(['--help']);
    for (const name of ['processes', 'pool', 'ping-pong', 'threads', 'ping-pong-threads', 'bank', '--no-lock']) expect(stdout).toContain(name);
    await expect(start(['nope'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('No program named "nope".') });
    await expect(start(['--bogus'])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--bogus'") });
  });
});
