/** What the numbers say: the lines after the table, each drawn from a fact that a section measured. */
import { mb, ms } from './format.ts';

export interface Facts {
  readonly compileCache?: [number, number];
  readonly startup?: [number, number];
  readonly memory?: [number, number];
  readonly amortised?: number;
  readonly chunking?: number;
  readonly pythonWarm?: number;
  readonly pythonCold?: number;
}

export function printReading(facts: Facts): void {
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
}
