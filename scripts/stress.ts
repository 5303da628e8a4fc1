/**
 * `npm run test:stress [-- --runs 50 --load [heavy] --affinity 0 --name PATTERN] [spec files...]`: runs the
 * spec again and again, each run a fresh vitest (only the tests whose name matches PATTERN, with --name),
 * and prints runs, failures and the slowest run. With --load it keeps every core busy with bounded busy
 * loops it starts and stops itself; with --load heavy, twice as many as there are cores, and beside them a
 * process that starts a hundred threads again and again (scripts/crowd.ts). Exits non-zero on any failure.
 */
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { unmatchedFilters } from './spec-files.ts';

const { values, tokens } = parseArgs({
  allowPositionals: true,
  tokens: true,
  options: {
    runs: { type: 'string', default: '20' },
    load: { type: 'boolean', default: false },
    affinity: { type: 'string' },
    name: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(`Usage: npm run test:stress -- [--runs N] [--load [heavy]] [--affinity CPU-LIST] [--name PATTERN] [spec files...]

  --runs N            how many fresh vitest runs (20)
  --load              keeps every core busy with a busy loop of its own while they run
  --load heavy        two busy loops per core, and beside them a process that starts a hundred threads
                      again and again, as spec/lock.spec.ts's bank run does
  --affinity LIST     pins each run to those CPUs (taskset -c LIST)
  --name PATTERN      runs only the tests whose name matches
  spec files          runs only the spec files whose path contains one of them`);
  process.exit(0);
}
// `--load heavy`: the word right after --load names the load (parseArgs has no option whose value may be left out).
const heavyWord = tokens.find((token, at) => {
  const before = tokens[at - 1];
  return token.kind === 'positional' && token.value === 'heavy' && before?.kind === 'option' && before.name === 'load';
});
const heavy = heavyWord !== undefined;
const positionals = tokens.flatMap((token) => (token.kind === 'positional' && token !== heavyWord ? [token.value] : []));
const unmatched = unmatchedFilters(positionals);
if (unmatched !== undefined) {
  console.error(unmatched);
  process.exit(2);
}
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 1000) {
  console.error(`--runs must be a whole number from 1 to 1000, got ${values.runs}`);
  process.exit(2);
}

const vitestPackage = createRequire(import.meta.url).resolve('vitest/package.json');
const vitest = join(dirname(vitestPackage), 'vitest.mjs');
const root = fileURLToPath(new URL('..', import.meta.url));

const burners = (heavy ? 2 : 1) * availableParallelism();

function startLoad(): ChildProcess[] {
  // Bounded twice: by a deadline a day away (a heavy run of the whole suite, 20 times, takes hours), and by
  // our own exit (the load leaves on disconnect).
  const deadline = String(Date.now() + 86_400_000);
  const script = (name: string) => fileURLToPath(new URL(name, import.meta.url));
  const load = Array.from({ length: burners }, () => fork(script('./burn.ts'), [deadline], { stdio: 'ignore' }));
  return heavy ? [...load, fork(script('./crowd.ts'), [deadline], { stdio: 'ignore' })] : load;
}

async function runOnce(): Promise<{ ok: boolean; ms: number; output: string }> {
  const args = [vitest, 'run', '--reporter=dot', ...(values.name === undefined ? [] : ['-t', values.name]), ...positionals];
  const command = values.affinity === undefined ? process.execPath : 'taskset';
  const argv = values.affinity === undefined ? args : ['-c', values.affinity, process.execPath, ...args];
  const began = performance.now();
  const child = spawn(command, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  return { ok: code === 0, ms: performance.now() - began, output };
}

const load = values.load ? startLoad() : [];
let failures = 0;
let slowest = 0;
try {
  for (let run = 1; run <= runs; run++) {
    const result = await runOnce();
    // vitest exits 0 when every test was skipped: a filter that matches no test would pass every run.
    if (!/Tests\s+.*\d+ passed|Tests\s+.*\d+ failed/.test(result.output)) {
      console.error(`${result.output}\nNo test ran: --name ${JSON.stringify(values.name)} matches no test in ${positionals.join(' ') || 'the spec'}.`);
      process.exit(2);
    }
    slowest = Math.max(slowest, result.ms);
    if (!result.ok) {
      failures += 1;
      console.log(result.output);
    }
    console.log(`run ${run}/${runs}: ${result.ok ? 'green' : 'RED'} in ${(result.ms / 1000).toFixed(1)} s`);
  }
} finally {
  for (const burner of load) burner.kill();
}
const loaded = heavy ? `${burners} busy loops on ${availableParallelism()} cores, and a hundred threads started again and again` : `${burners} cores kept busy`;
const conditions = [values.load ? loaded : 'no added load', values.affinity ? `pinned to CPU ${values.affinity}` : ''].filter(Boolean).join(', ');
console.log(
  `\n${runs - failures}/${runs} runs green, ${failures} failed, slowest run ${(slowest / 1000).toFixed(1)} s (${conditions}; Node ${process.version})`,
);
process.exit(failures === 0 ? 0 : 1);
