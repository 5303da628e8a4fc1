/**
 * The whole contract of Process, as one model (claims/models/process.ts): ours keeps it over processes and
 * over threads, and each broken one in fixtures/broken-processes.ts, wrong in one way, is rejected by it,
 * with a message that names the step where it parts from the model.
 */
import { describe } from 'vitest';
import { processModel } from '../claims/models/process.ts';
import { Process } from '../src/process.ts';
import { Thread } from '../src/thread.ts';
import { specify } from './support/specify.ts';

describe.each([
  { name: 'Process', judged: { Runnable: Process, kind: 'process' as const } },
  { name: 'Thread', judged: { Runnable: Thread, kind: 'thread' as const } },
])('The contract of Process as a model ($name)', ({ name, judged }) => {
  specify(processModel, judged, { backend: name });
});
