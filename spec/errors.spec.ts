/** How a failure crosses from a child to its parent, and how a call is named in errors. */
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reviveError, serializeError } from '../src/runtime/errors.ts';
import { describeCall, taskRef } from '../src/runtime/task.ts';
import { prop } from './support/prop.ts';

describe('Errors cross to the parent whole', () => {
  prop([fc.string(), fc.string(), fc.option(fc.string(), { nil: undefined })])(
    'an error keeps its name, message, stack, code and cause',
    (name, message, code) => {
      const error = Object.assign(new Error(message, { cause: new RangeError('below') }), { code });
      error.name = name;
      const revived = reviveError(serializeError(error));
      expect(revived.name).toBe(name);
      expect(revived.message).toBe(message);
      expect(revived.stack).toBe(error.stack);
      expect((revived as { code?: string }).code).toBe(code);
      expect((revived.cause as Error).message).toBe('below');
    },
  );

  it('an error without a stack crosses without one', () => {
    const error = new Error('no stack');
    delete error.stack;
    expect(serializeError(error)).toEqual({ name: 'Error', message: 'no stack' });
    expect(reviveError({ name: 'Error', message: 'no stack' }).message).toBe('no stack');
  });

  it('a call is named by its task and arguments, even arguments JSON cannot show', () => {
    const task = taskRef<(...args: unknown[]) => void>(import.meta.url, 'anything');
    expect(describeCall(task, ['file1', 3, undefined, 10n])).toBe('anything("file1", 3, undefined, 10) from errors.spec.ts');
  });
});
