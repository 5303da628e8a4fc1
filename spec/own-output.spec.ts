/**
 * The reader of a child's own output (src/runtime/own-output.ts), on a stream of our own: whatever the output
 * and however the pipe cuts it into chunks (the end line split across two, a character split across
 * bytes), what is delivered is exactly what came before the end line, and nothing after it.
 */
import { PassThrough } from 'node:stream';
import * as fc from 'fast-check';
import { describe, expect } from 'vitest';
import { endOfOutput, readOwnOutput } from '../src/runtime/own-output.ts';
import { prop } from './support/prop.ts';

const nonce = 'a-nonce';

/** `bytes` cut at `cuts` (sorted, deduplicated), as a pipe might deliver it. */
function chunked(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const at = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  return [...at, bytes.length].map((end, i) => bytes.subarray(i === 0 ? 0 : at[i - 1], end)).filter((chunk) => chunk.length > 0);
}

/** What the reader delivers of `chunks`; the stream then ends, so that a reader that missed the end line still settles. */
async function deliveredFrom(chunks: readonly Buffer[]): Promise<string> {
  const stdout = new PassThrough();
  let delivered = '';
  const output = readOwnOutput(stdout, nonce, (chunk) => {
    delivered += chunk;
  });
  for (const chunk of chunks) stdout.write(chunk);
  stdout.end();
  await output.whole;
  return delivered;
}

// Text that may hold NULs and pieces of the end line, but never the whole line.
const text = fc.string({ unit: fc.constantFrom('a', 'é', '\n', '\u0000', 'end of output ', nonce, '😀'), maxLength: 40 });

describe("A child's own output, read up to where it says it ends", () => {
  prop([text, text, fc.array(fc.nat(), { maxLength: 8 })], { numRuns: 200 })(
    'delivers what came before the end line, whole, and nothing after, however it is cut',
    async (before, after, cuts) => {
      fc.pre(!before.includes(endOfOutput(nonce)));
      const bytes = Buffer.from(before + endOfOutput(nonce) + after);
      expect(await deliveredFrom(chunked(bytes, cuts))).toBe(before);
    },
  );

  prop([text, fc.array(fc.nat(), { maxLength: 8 })], { numRuns: 100 })(
    'delivers everything when the pipe closes before any end line (a child killed)',
    async (before, cuts) => {
      fc.pre(!before.includes(endOfOutput(nonce)));
      expect(await deliveredFrom(chunked(Buffer.from(before), cuts))).toBe(before);
    },
  );
});
