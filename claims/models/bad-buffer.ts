/**
 * A shared class's constructor given a buffer it cannot live in: ours refuses it with a TypeError naming
 * it, whichever class it is (SharedCounter and Lock share the check, in src/runtime/shared-int32.ts).
 */
import type * as fc from 'fast-check';
import { part } from './part.ts';
import type { BadBuffer } from './shared-acts.ts';
import { type ModelThread, stepIn } from './threads.ts';

export const badBuffers: readonly BadBuffer[] = ['an ArrayBuffer', 'a SharedArrayBuffer of 2 bytes', 'null'];

const got: Record<BadBuffer, string> = {
  'an ArrayBuffer': '[object ArrayBuffer]',
  'a SharedArrayBuffer of 2 bytes': '[object SharedArrayBuffer]',
  null: 'null',
};

export class BadBufferCommand<Model extends { step: number }>
  implements fc.AsyncCommand<Model, { threads: readonly ModelThread[]; boundMs: number; name: string }>
{
  readonly buffer: BadBuffer;
  /** Our class's name, as a program is shown. */
  readonly shownAs: string;
  constructor(buffer: BadBuffer, shownAs: string) {
    this.buffer = buffer;
    this.shownAs = shownAs;
  }
  check = () => true;
  async run(model: Model, real: { threads: readonly ModelThread[]; boundMs: number; name: string }): Promise<void> {
    model.step++;
    const command = `new ${real.name}(${this.buffer})`;
    const { text } = await stepIn(model, real.threads, 0, { kind: 'bad buffer', buffer: this.buffer }, real.boundMs, command);
    const ours = `throws TypeError: A ${real.name} needs a SharedArrayBuffer of at least 4 bytes, got ${got[this.buffer]}`;
    if (text !== ours) part(model, command, 'a buffer that is not shared memory of 4 bytes or more is refused, with a TypeError naming it', ours, text);
  }
  toString = () => `new ${this.shownAs}(${this.buffer})`;
}
