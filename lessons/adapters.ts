/**
 * What turns a learner's export into what a property takes, and a property's counterexample into words a
 * learner reads: shared by the lessons' checks (lessons/N-name/lesson.ts).
 */
import type { Scenario } from '../claims/programs/scenario.ts';
import type { Act } from '../claims/tasks/faults.ts';
import type { ClassRef } from '../claims/tasks/judged.ts';

/** The properties take a Process class itself, a pool as `make(size)`, and a shared class by module and name. */
export const theClass = (Exported: unknown) => Exported;
export const sized = (Exported: unknown) => (size?: number) => new (Exported as new (size?: number) => unknown)(size);
export const byRef = (_exported: unknown, ref: ClassRef) => ref;
/** The real-thread bank: the learner's Account in the parent, and loaded by module and name in each thread. */
export const realBank = (Exported: unknown, ref: ClassRef) => ({ Account: Exported, accountClass: ref });
export const act = ({ behaviour, value, ms }: Act) =>
  ({
    succeed: `returns ${value}`,
    throw: 'throws',
    exit: `calls process.exit(${value})`,
    kill: 'is killed (SIGKILL)',
    large: 'returns a large value',
    unclonable: 'returns a value that cannot be sent',
  })[behaviour] + (ms ? ` after ${ms} ms` : '');
export const ending = { return: 'returns', exit: 'calls process.exit()', throw: 'throws', kill: 'is killed (SIGKILL)' } as const;
export const program = ({ backend, acts, ending: end, when }: Scenario) =>
  `a program whose ${backend === 'Pool' ? 'Pool maps' : 'processes run'} tasks that ${acts.map(act).join('; ')}, then ${
    {
      join: 'joins them',
      nothing: 'forgets them',
      'await-using': 'disposes of the pool (await using)',
      terminate: 'terminates',
      'close-join': 'closes and joins',
    }[end]
  }${when === 'running' ? ' while they run' : ''}`;
export const ms = (durations: readonly number[]) => `${durations.length} downloads, of ${durations.map((each) => `${each} ms`).join(', ')}`;
