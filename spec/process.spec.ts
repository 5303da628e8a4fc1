/** The document's "Process" section: two downloads in two processes. */
import { describe } from 'vitest';
import { processConcurrent, processOwnPid } from '../claims/properties/process.ts';
import { Process } from '../src/process.ts';
import { specify } from './support/specify.ts';

describe('Process', () => {
  specify(processConcurrent, Process);
  specify(processOwnPid, Process);
});
