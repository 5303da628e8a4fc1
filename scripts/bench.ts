/**
 * `npm run bench [-- --runs N]`: process vs thread, by numbers. Every pair is measured side by side in
 * this one run (alternating, so drift in the machine's load hits both), each figure the median of
 * several runs, printed with its ratio and, where the project has one, its target.
 */
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import process from 'node:process';
import { parseArgs, styleText } from 'node:util';
import { challenges } from '../lessons/challenges.ts';
import { lessons } from '../lessons/lessons.ts';
import { Pool } from '../src/pool.ts';
import { ThreadPool } from '../src/thread-pool.ts';
import { saveToVerdict } from './bench/learn.ts';
import { median } from './bench/measure.ts';
import { childRss, rssPerWorker } from './bench/memory.ts';
import { slowestKey } from './bench/play.ts';
import { type MapTimes, ourPoolMap, pythonMap, pythonVersion } from './bench/python.ts';
import { entryStartup, firstAnswer, plainEntry, tsEntry } from './bench/startup.ts';
import { ourMap, piscinaMap, processPerTask, roundTrip, tinypoolMap } from './bench/throughput.ts';
import { nodeLines, runtime } from './runtimes.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  console.log('Usage: npm run bench [-- --runs N]   (N from 3 to 50, default 5: each figure is the median of N runs)');
  process.exit(0);
}
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 3 || runs > 50) {
  console.error(`--runs must be a whole number from 3 to 50, got ${values.runs}`);
  process.exit(2);
}

interface Row {
  readonly label: string;
  readonly a: string;
  readonly b: string;
  /** How many times: a over b, or b over a, whichever the row's label asks. */
  readonly ratio: string;
  readonly target?: { readonly text: string; readonly met: boolean; readonly why?: string };
}

const rows: { section: string; rows: Row[] }[] = [];
const section = (name: string) => {
  rows.push({ section: name, rows: [] });
  console.error(styleText('dim', `measuring: ${name}…`));
};
const add = (row: Row) => rows.at(-1)?.rows.push(row);

const ms = (value: number) => `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const perSecond = (count: number, took: number) => (count / took) * 1000;
const rate = (value: number) => `${Math.round(value).toLocaleString('en-US')}/s`;

/** Medians of `a` and `b`, measured alternately `n` times each. */
async function side(n: number, a: () => Promise<number>, b: () => Promise<number>): Promise<[number, number]> {
  const as: number[] = [];
  const bs: number[] = [];
  for (let i = 0; i < n; i++) {
    as.push(await a());
    bs.push(await b());
  }
  return [median(as), median(bs)];
}

/** What the reading after the table is drawn from. */
const facts: {
  compileCache?: [number, number];
  startup?: [number, number];
  memory?: [number, number];
  amortised?: number;
  chunking?: number;
  pythonWarm?: number;
  pythonCold?: number;
} = {};

const size = availableParallelism();
const began = performance.now();
const load = loadavg()[0] ?? 0;

section('start-up to the first answer');
{
  const [process_, thread] = await side(
    runs * 2,
    () => firstAnswer(() => new Pool(1)),
    () => firstAnswer(() => new ThreadPool(1)),
  );
  add({ label: 'a fresh Process vs a fresh Thread', a: ms(process_), b: ms(thread), ratio: `${(process_ / thread).toFixed(2)}×` });
  facts.startup = [process_, thread];
  const plain = plainEntry();
  try {
    for (const line of ['24', '26']) {
      const version = nodeLines()[line] as string;
      const { path } = runtime(version);
      // Once each before measuring, so that both find Node's compile cache filled, as every child but the first does.
      await entryStartup(path, tsEntry);
      await entryStartup(path, plain.path);
      const [ts, mjs] = await side(
        runs * 2,
        () => entryStartup(path, tsEntry),
        () => entryStartup(path, plain.path),
      );
      const ratio = ts / mjs;
      add({
        label: `our .ts entry vs the same as .mjs, Node ${version}`,
        a: ms(ts),
        b: ms(mjs),
        ratio: `${ratio.toFixed(2)}×`,
        target: { text: '.ts ≤ 1.2× .mjs', met: ratio <= 1.2 },
      });
    }
    const [cold, cached] = await side(
      runs * 2,
      () => entryStartup(process.execPath, tsEntry, true),
      () => entryStartup(process.execPath, tsEntry),
    );
    add({
      label: `our .ts entry without Node's compile cache vs with it, ${process.version}`,
      a: ms(cold),
      b: ms(cached),
      ratio: `${(cold / cached).toFixed(2)}×`,
    });
    facts.compileCache = [cold, cached];
  } finally {
    plain.remove();
  }
}

section('memory');
{
  const child = median(await sequence(runs, childRss));
  const worker = median(await sequence(3, () => rssPerWorker(8)));
  facts.memory = [child, worker];
  add({ label: 'RSS of an idle child process vs RSS each idle worker adds', a: mb(child), b: mb(worker), ratio: `${(child / worker).toFixed(1)}×` });
}

section('round trip');
{
  const [ipc, post] = await side(
    3,
    () => roundTrip(() => new Pool(1)),
    () => roundTrip(() => new ThreadPool(1)),
  );
  add({
    label: 'one trivial task, warm pool of one: process IPC vs postMessage',
    a: `${ipc.toFixed(0)} µs`,
    b: `${post.toFixed(0)} µs`,
    ratio: `${(ipc / post).toFixed(2)}×`,
  });
}

section('throughput on 10,000 trivial tasks');
{
  const count = 10_000;
  const [ours, piscina] = await side(
    runs,
    () => ourMap(() => new ThreadPool(size), count),
    () => piscinaMap(size, count),
  );
  const [ours2, tinypool] = await side(
    runs,
    () => ourMap(() => new ThreadPool(size), count),
    () => tinypoolMap(size, count),
  );
  const oursRate = perSecond(count, median([ours, ours2]));
  const vs = (name: string, theirs: number) => {
    const ratio = oursRate / perSecond(count, theirs);
    add({
      label: `ThreadPool(${size}) map, chunksize 1 vs ${name}`,
      a: rate(oursRate),
      b: rate(perSecond(count, theirs)),
      ratio: `${ratio.toFixed(2)}×`,
      target: { text: `ThreadPool ≥ ${name}`, met: ratio >= 1 },
    });
  };
  vs('piscina', piscina);
  vs('tinypool', tinypool);
  const [chunked, one] = await side(
    runs,
    () => ourMap(() => new ThreadPool(size), count, { chunksize: 'auto' }),
    () => ourMap(() => new ThreadPool(size), count),
  );
  facts.chunking = one / chunked;
  add({
    label: "ThreadPool map, chunksize 'auto' (Python's) vs 1",
    a: rate(perSecond(count, chunked)),
    b: rate(perSecond(count, one)),
    ratio: `${(one / chunked).toFixed(1)}×`,
  });
  const [pool, threads] = await side(
    runs,
    () => ourMap(() => new Pool(size), count),
    () => ourMap(() => new ThreadPool(size), count),
  );
  add({
    label: `Pool(${size}) vs ThreadPool(${size}), chunksize 1`,
    a: rate(perSecond(count, pool)),
    b: rate(perSecond(count, threads)),
    ratio: `${(threads / pool).toFixed(2)}×`,
  });
  // A process per task is far too slow for 10,000: its rate is measured on 100 and compared as a rate.
  const spawned = median(await sequence(3, () => processPerTask(size, 100)));
  const poolRate = perSecond(count, pool);
  const spawnRate = perSecond(100, spawned);
  facts.amortised = poolRate / spawnRate;
  add({
    label: `Pool(${size}) vs a process per task (100 tasks, ${size} at a time)`,
    a: rate(poolRate),
    b: rate(spawnRate),
    ratio: `${(poolRate / spawnRate).toFixed(0)}×`,
  });
}

const python = await pythonVersion();
if (python === undefined) {
  section('Python (skipped: no python3 on the PATH)');
} else {
  section(`our Pool.map vs ${python}'s multiprocessing.Pool.map`);
  const count = 100_000;
  const ours: MapTimes[] = [];
  const theirs: MapTimes[] = [];
  for (let i = 0; i < runs; i++) {
    ours.push(await ourPoolMap(count, { chunksize: 'auto' }));
    theirs.push(await pythonMap(count));
  }
  const pick = (times: MapTimes[], key: keyof MapTimes) => median(times.map((each) => each[key]));
  const warm = pick(ours, 'warm') / pick(theirs, 'warm');
  facts.pythonWarm = warm;
  add({
    label: '100,000 items, default chunking: map on a started pool',
    a: ms(pick(ours, 'warm')),
    b: ms(pick(theirs, 'warm')),
    ratio: `${warm.toFixed(2)}×`,
    target: { text: "Pool.map as fast as Python's (≤ 1×)", met: warm <= 1 },
  });
  const cold = pick(ours, 'cold') / pick(theirs, 'cold');
  facts.pythonCold = cold;
  add({
    label: '… the same, pool start and shutdown included',
    a: ms(pick(ours, 'cold')),
    b: ms(pick(theirs, 'cold')),
    ratio: `${cold.toFixed(2)}×`,
    target: { text: "≤ 1.5× Python's (Python forks; Node starts each child afresh)", met: cold <= 1.5 },
  });
  const few = 10_000;
  const [single, pythonSingle] = await side(
    3,
    () => ourMap(() => new Pool(), few, { chunksize: 1 }),
    async () => (await pythonMap(few, 1)).warm,
  );
  const perItem = single / pythonSingle;
  add({
    label: '10,000 items, chunksize 1 (a message each way per item): map on a started pool',
    a: ms(single),
    b: ms(pythonSingle),
    ratio: `${perItem.toFixed(2)}×`,
    target: { text: "as fast as Python's (≤ 1×)", met: perItem <= 1 },
  });
}

section("the learner's loop: a save to its verdict, with npm run learn -- --watch (ours in the learner's place)");
for (const lesson of lessons) {
  const targetMs = lessons.indexOf(lesson) < 3 ? 3_000 : 5_000;
  const took = await saveToVerdict(lesson, Math.min(runs, 5));
  add({
    label: `lesson ${lessons.indexOf(lesson) + 1}, ${lesson.name}: save to verdict vs the target`,
    a: ms(took),
    b: ms(targetMs),
    ratio: `${(took / targetMs).toFixed(2)}×`,
    target: { text: `≤ ${targetMs / 1000} s`, met: took <= targetMs },
  });
}

section('npm run learn -- --play: a key to its screen (the slowest key of a game played out, median of the runs)');
for (const challenge of challenges) {
  const took = median(await sequence(runs, () => slowestKey(challenge)));
  add({
    label: `challenge ${challenges.indexOf(challenge) + 1}, ${challenge.name}: slowest key vs the target`,
    a: ms(took),
    b: ms(100),
    ratio: `${(took / 100).toFixed(2)}×`,
    target: { text: '≤ 100 ms', met: took <= 100 },
  });
}

async function sequence(n: number, measure: () => Promise<number>): Promise<number[]> {
  const values: number[] = [];
  for (let i = 0; i < n; i++) values.push(await measure());
  return values;
}

// The table, then what it says.
const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
console.log(
  `Process vs Thread, by numbers: Node ${process.version} on ${process.platform}/${process.arch}, ${size} CPUs (${cpu}), ${(totalmem() / 2 ** 30).toFixed(1)} GB; median of ${runs} runs; load average ${load.toFixed(2)} at start`,
);
console.log('Each row: left vs right, and their ratio, left ÷ right (times in ms or µs, rates in tasks per second).');
const labelWidth = Math.max(...rows.flatMap((each) => each.rows.map((row) => row.label.length)));
for (const group of rows) {
  console.log(`\n${styleText('bold', group.section)}`);
  for (const row of group.rows) {
    const target = row.target === undefined ? '' : `  target ${row.target.text}: ${row.target.met ? styleText('green', 'met') : styleText('red', 'MISSED')}`;
    console.log(`  ${row.label.padEnd(labelWidth)}  ${row.a.padStart(10)} vs ${row.b.padEnd(10)}  ${row.ratio.padStart(6)}${target}`);
  }
}
console.log('\nWhat the numbers say');
const say = (line: string) => console.log(`  - ${line}`);
if (facts.memory) {
  const [child, worker] = facts.memory;
  say(`A worker adds about ${mb(worker)} to its process; a child process holds ${mb(child)} of its own: ${(child / worker).toFixed(0)}× as much.`);
}
if (facts.startup) {
  const [child, worker] = facts.startup;
  say(
    `A fresh process answers its first task in ${ms(child)}, a fresh thread in ${ms(worker)}: both start a whole V8 and load the runner; a process also pays for exec.`,
  );
}
if (facts.compileCache) {
  const [cold, cached] = facts.compileCache;
  say(`Stripping types at every start would cost a child ${ms(cold - cached)}; Node's compile cache, which every child here starts with, pays it once.`);
}
if (facts.amortised) say(`A pool pays start-up once: it runs ${facts.amortised.toFixed(0)}× the trivial tasks per second that a process per task does.`);
if (facts.chunking) say(`For tiny tasks the messages are the cost: chunking as Python does makes map ${facts.chunking.toFixed(0)}× faster.`);
if (facts.pythonWarm !== undefined) {
  say(
    facts.pythonWarm <= 1
      ? `On a started pool our map keeps up with Python's (${facts.pythonWarm.toFixed(2)}× its time).`
      : `On a started pool Python's map is ${facts.pythonWarm.toFixed(1)}× faster: its workers take chunk after chunk from a shared queue and pickle in C; ours gets its next chunk only once the parent has read the last one's answer.`,
  );
}
if (facts.pythonCold) {
  say(
    `With the pool's start included, ours takes ${facts.pythonCold.toFixed(1)}× Python's time: Python forks its workers from a running interpreter; Node has no fork and starts each child afresh.`,
  );
}
const missed = rows.flatMap((group) => group.rows.filter((row) => row.target?.met === false).map((row) => row.label));
console.log(
  `\n${missed.length === 0 ? 'Every target met.' : `Missed: ${missed.join('; ')}.`} Bench took ${((performance.now() - began) / 1000).toFixed(0)} s.`,
);
