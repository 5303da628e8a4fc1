/** An error as it crosses from a child or worker to the parent: plain data, so any channel can carry it. */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly code?: string;
  readonly cause?: SerializedError;
}

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) {
    return { name: 'Error', message: `a non-Error value was thrown: ${String(error)}` };
  }
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(error.stack === undefined ? {} : { stack: error.stack }),
    ...(typeof code === 'string' ? { code } : {}),
    ...(error.cause === undefined ? {} : { cause: serializeError(error.cause) }),
  };
}

/** Rebuilds the child's error in the parent, keeping the child's own stack (Python's RemoteTraceback). */
export function reviveError(data: SerializedError): Error {
  const error = new Error(data.message, data.cause === undefined ? undefined : { cause: reviveError(data.cause) });
  error.name = data.name;
  if (data.stack !== undefined) error.stack = data.stack;
  if (data.code !== undefined) Object.assign(error, { code: data.code });
  return error;
}

/** A task failed: it threw, or the process or thread running it ended first. `cause` holds the reason. */
export class TaskError extends Error {
  override name = 'TaskError';
  /** The call that failed, as `name(args) from module`. */
  readonly call: string;
  /** For `map`: which item of the input it was. */
  readonly item: number | undefined;

  constructor(call: string, reason: string, options: { cause?: unknown; item?: number } = {}) {
    const where = options.item === undefined ? '' : ` (item ${options.item})`;
    super(`${call}${where} ${reason}`, { cause: options.cause });
    this.call = call;
    this.item = options.item;
  }
}
