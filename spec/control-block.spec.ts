/**
 * The control block that the scheduler and its judged threads share (scheduler/layout.ts): what a judged
 * thread writes in its slot, the operation it asks for, is what the scheduler reads back, whole; and no
 * thread's slot, nor the virtual clock after them, overlaps another's.
 */
import * as fc from 'fast-check';
import { describe, expect } from 'vitest';
import { ControlBlock, operations, type Request } from '../scheduler/layout.ts';
import { prop } from './support/prop.ts';

const request: fc.Arbitrary<Request> = fc.record({
  op: fc.constantFrom(...operations),
  // -1: memory of the thread's own (a sleep's).
  address: fc.integer({ min: -1, max: 8 }),
  index: fc.nat({ max: 64 }),
  width: fc.constantFrom(4, 8),
  arg1: fc.double(),
  arg2: fc.double(),
});

describe('The control block', () => {
  prop([fc.array(request, { minLength: 1, maxLength: 4 }), fc.double()])(
    "each thread's request reads back whole from its own slot, beside the others' and the clock",
    (requests, clock) => {
      const block = ControlBlock.for(requests.length);
      for (const [thread, each] of requests.entries()) block.slot(thread).ask(each);
      block.clock = clock;
      expect(requests.map((_, thread) => block.slot(thread).asked())).toEqual(requests);
      expect(block.clock).toBe(clock);
    },
  );
});
