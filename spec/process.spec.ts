/** The document's "Process" section: two downloads in two processes. */
import { describe } from 'vitest';
import { processConcurrent, processOwnPid } from '../claims/properties/process.ts';
import { sharingRuns } from '../claims/properties/runnables.ts';
import { Process } from '../src/process.ts';
import { newSeed } from './support/prop.ts';
import { specify } from './support/specify.ts';

describe('Process', () => {
  // The two claims judge the same runs of the document's program, as lesson 1 does: one seed, so the same
  // cases, and each case's processes started once (the second property takes the first's run of it).
  const seed = newSeed();
  specify(processConcurrent, sharingRuns(Process, 2), { seed });
  specify(processOwnPid, sharingRuns(Process, 2), { seed });
});
