import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A task is an exported function of a module, named by the module's URL and the export's name.
 * Only these two strings cross to a child process or a worker, never the function's source:
 * the child imports the module itself, as Python's multiprocessing imports the target by name.
 */
export interface TaskRef<Args extends unknown[] = unknown[], Result = unknown> {
  readonly module: string;
  readonly name: string;
  /** Never set: carries the function's arguments and result so that `map` is typed. */
  readonly signature?: { readonly args: Args; readonly result: Result };
}

type AnyFunction = (...args: never[]) => unknown;

/** `taskRef<typeof download>(import.meta.url, 'download')` names the export `download` of this module. */
export function taskRef<F extends AnyFunction>(module: string | URL, name: string): TaskRef<Parameters<F>, Awaited<ReturnType<F>>> {
  const url = String(module);
  if (!url.startsWith('file:')) {
    throw new TypeError(`A task module must be a file: URL (import.meta.url or import.meta.resolve(...)), got ${JSON.stringify(url)}`);
  }
  if (typeof name !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(name)) {
    throw new TypeError(`A task name must be the name of an exported function, got ${JSON.stringify(name)}`);
  }
  if (!existsSync(fileURLToPath(url))) {
    throw new Error(`Task module ${url} does not exist`);
  }
  return Object.freeze({ module: url, name });
}

/** How a task is named in errors and output: `download('file1')`. */
export function describeCall(task: TaskRef, args: readonly unknown[]): string {
  const shown = args.map((arg) => {
    try {
      return JSON.stringify(arg) ?? String(arg);
    } catch {
      return String(arg);
    }
  });
  return `${task.name}(${shown.join(', ')}) from ${moduleFile(task)}`;
}

/** The file name of a task's module, as errors show it: `download.ts`. */
export function moduleFile(task: TaskRef): string {
  const path = new URL(task.module).pathname;
  return path.slice(path.lastIndexOf('/') + 1);
}
