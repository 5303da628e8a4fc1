/**
 * `npm run bench [-- --runs N --lines L]`: process vs thread, by numbers. Every pair is measured side by side in
 * this one run (alternating, so drift in the machine's load hits both), each figure the median of
 * several runs, printed with its ratio and, where the project has one, its target. Each section is a
 * file of scripts/bench/; this entry runs them in order and prints the table, then what it says.
 */
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import process from 'node:process';
import { parseArgs } from 'node:util';
import { learnSection } from './bench/learn.ts';
import { benchLines, chooseLines, linesHelp } from './bench/lines.ts';
import { memorySection } from './bench/memory.ts';
import { playSection } from './bench/play.ts';
import { clear } from './bench/progress.ts';
import { pythonSection } from './bench/python.ts';
import { type Facts, printReading } from './bench/reading.ts';
import { roundTripSection } from './bench/round-trip.ts';
import { startupSection } from './bench/startup.ts';
import { type Section, Table } from './bench/table.ts';
import { throughputSection } from './bench/throughput.ts';
import { cache, megabytesEach, nodeLines, runtimes } from './runtimes.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, lines: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  console.log(`Usage: npm run bench [-- --runs N --lines L]
  --runs N    each figure is the median of N runs: 3 to 50, default 5
  --lines L   the Node lines on which our .ts entry is timed against .mjs, so the Nodes the bench needs:
              ${linesHelp};
              default ${benchLines.join(',')}. The rows of the lines not named are left out.
Downloads: a line's Node not yet in ${cache}
is downloaded before the first figure, about ${megabytesEach} MB on disk each, and the bench says so first.
This Node's own version never is: --lines current downloads nothing.`);
  process.exit(0);
}
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 3 || runs > 50) {
  console.error(`--runs must be a whole number from 3 to 50, got ${values.runs}`);
  process.exit(2);
}
const versions = nodeLines();
const chosen = chooseLines(values.lines, versions, process.version);
if ('error' in chosen) {
  console.error(chosen.error);
  process.exit(2);
}
const leftOut = benchLines.filter((line) => !chosen.lines.includes(line)).map((line) => versions[line] as string);
// Every download before the first figure: nothing is measured while npm loads the machine.
const binaries = runtimes(
  chosen.lines.map((line) => versions[line] as string),
  console.error,
  'To do without: npm run bench -- --lines current.',
);

/** What a process and a thread cost, against each other, other libraries and Python. */
const processVsThread: Section<Facts>[] = [
  startupSection(binaries, leftOut, `by --lines ${values.lines}`),
  memorySection,
  roundTripSection,
  throughputSection,
  pythonSection,
];
/** What a learner waits for, a lesson's verdict and a key in the game: each against a target of its own, not a pair. */
const learner: Section<Facts>[] = [learnSection, playSection];

const size = availableParallelism();
const began = performance.now();
const load = loadavg()[0] ?? 0;
const table = new Table();
let facts: Facts = {};
for (const section of [...processVsThread, ...learner]) facts = { ...facts, ...(await section(table, runs)) };

clear();
const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
console.log(
  `Process vs Thread, by numbers: Node ${process.version} on ${process.platform}/${process.arch}, ${size} CPUs (${cpu}), ${(totalmem() / 2 ** 30).toFixed(1)} GB; median of ${runs} runs; load average ${load.toFixed(2)} at start`,
);
console.log('Each row: left vs right, and their ratio, left ÷ right (times in ms or µs, rates in tasks per second).');
table.print();
printReading(facts);
const missed = table.missed();
console.log(
  `\n${missed.length === 0 ? 'Every target met.' : `Missed: ${missed.join('; ')}.`} Bench took ${((performance.now() - began) / 1000).toFixed(0)} s.`,
);
