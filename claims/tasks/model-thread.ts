/**
 * A worker thread of a model's program (claims/models/threads.ts): it loads the judged class by module and
 * export name, makes its own object over the shared buffer it was given, then does each step it is sent,
 * one at a time, and answers what the step did. Started once per case and reused for every step.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Act, Said, Shape } from '../models/shared-acts.ts';
import { SharedActs } from '../models/shared-acts.ts';
import type { ClassRef } from './judged.ts';

const { ref, buffer, shape } = workerData as { ref: ClassRef; buffer: SharedArrayBuffer; shape: Shape };
const acts = SharedActs.load(ref, buffer, shape);
// A class that cannot be loaded, or whose constructor throws, says so at the first step, as an answer.
acts.catch(() => {});

parentPort?.on('message', async (act: Act) => {
  let said: Said;
  try {
    said = (await acts).do(act);
  } catch (error) {
    said = { text: `no object to call: new ${ref.name}(buffer) threw ${String(error)}`, ms: 0 };
  }
  parentPort?.postMessage(said);
});
