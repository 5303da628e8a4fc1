/** The document's "Process" section: two downloads in two processes. */
import { describe } from 'vitest';
import { Process } from '../src/process.ts';
import { processConcurrent, processOwnPid } from './properties/process.ts';
import { specify } from './support/specify.ts';

describe('Process', () => {
  specify(processConcurrent, Process);
  specify(processOwnPid, Process);
});
