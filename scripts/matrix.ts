/**
 * `npm run test:matrix [-- --line 22 --line 24] [spec files...]`: the spec on every maintained Node line
 * (or the lines named), one after another, each run by that line's own binary, so that its
 * children and workers are that version too. Prints a progress line per version, then a table: version,
 * claims held, time. Exits non-zero unless every line holds.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { nodeLines, runtimes } from './runtimes.ts';
import { unmatchedFilters } from './spec-files.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const vitest = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

/**
 * Node lines whose compile cache does not cover TypeScript: each process and worker would load the type
 * stripper anew (Node 22: 77 ms of CPU for a child's start against 42 ms for the same as .mjs; 59 against
 * 33 for a worker). On them every process the run starts preloads a cache of what Node's stripping made.
 */
const uncachedStripping = new Set(['22']);
const stripCache = `--import=${pathToFileURL(join(root, 'scripts', 'strip-types-cache.mjs')).href}`;

/**
 * Every line runs what `npm test` runs: every claim, counter-model, fault property and transcript. The
 * project's own tools (`npm run learn`, `npm start`, `npm run test:stress`) always run on the pinned
 * runtime, which npm puts first on the PATH: their specs (spec/tools/) are `npm run test:tools`.
 */
const toolSpecs = '--exclude=spec/tools/**';

interface Row {
  readonly version: string;
  readonly claims: string;
  readonly seconds: number;
  readonly ok: boolean;
}

async function check(line: string, version: string, path: string): Promise<Row> {
  console.log(`▶ Node ${line} (${version}): running the spec...`);
  const began = performance.now();
  // Files named on the command line run as named.
  const tools = positionals.length > 0 ? [] : [toolSpecs];
  const child = spawn(path, [vitest, 'run', '--reporter=dot', '--reporter=./spec/support/claims-reporter.ts', ...tools, ...positionals], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    // This line's node first on PATH, so that anything that looks Node up finds this one.
    env: {
      ...process.env,
      NO_COLOR: '1',
      PATH: `${dirname(path)}${delimiter}${process.env.PATH ?? ''}`,
      ...(uncachedStripping.has(line) ? { NODE_OPTIONS: [process.env.NODE_OPTIONS, stripCache].filter(Boolean).join(' ') } : {}),
    },
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  const seconds = (performance.now() - began) / 1000;
  // The reporter's last words (spec/support/claims-reporter.ts): `N/M claims hold[, K not checked (...)] on Node v...`
  // for a run that passed; a run that failed says `The run failed (...)` instead, and never `N/M claims hold`.
  const claims = /(?:(\d+\/\d+) claims hold[^\n]*?|No claim checked) on Node (v[\d.]+)/.exec(output);
  // Held only if vitest passed, on this very version, and (for a whole run) every claim holds.
  const [held, of] = (claims?.[1] ?? '0/1').split('/');
  const ok = code === 0 && claims?.[2] === `v${version}` && (positionals.length > 0 || held === of);
  if (!ok) console.log(output);
  console.log(`${ok ? '✓' : '✗'} Node ${line}: ${claims?.[1] ?? 'no'} claims hold, ${seconds.toFixed(1)} s${ok ? '' : ` (exit code ${code})`}`);
  return { version, claims: claims?.[1] ?? '-', seconds, ok };
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { line: { type: 'string', multiple: true } } });
const unmatched = unmatchedFilters(positionals);
if (unmatched !== undefined) {
  console.error(unmatched);
  process.exit(2);
}
const lines = Object.entries(nodeLines());
const chosen = values.line === undefined ? lines : lines.filter(([line]) => values.line?.includes(line));
if (chosen.length === 0) {
  console.error(`--line must name a maintained line: ${lines.map(([line]) => line).join(', ')}; got ${values.line?.join(', ')}`);
  process.exit(2);
}
const began = performance.now();
const own = lines.find(([, version]) => `v${version}` === process.version)?.[0];
const paths = runtimes(
  chosen.map(([, version]) => version),
  console.log,
  own === undefined ? 'To check fewer lines, name them: --line N.' : `To check only this Node, with nothing to download: npm run test:matrix -- --line ${own}.`,
);
const rows: Row[] = [];
for (const [line, version] of chosen) rows.push(await check(line, version, paths.get(version) as string));
console.log('\n| Node | claims held | time |\n| --- | --- | --- |');
for (const row of rows) console.log(`| ${row.version} | ${row.claims} | ${row.seconds.toFixed(1)} s |`);
console.log(`\n${rows.filter((row) => row.ok).length}/${rows.length} Node lines hold every claim; ${((performance.now() - began) / 1000).toFixed(0)} s in all`);
process.exit(rows.every((row) => row.ok) ? 0 : 1);
