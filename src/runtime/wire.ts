import { deserialize, serialize } from 'node:v8';

/**
 * A message as it crosses the pipe between a parent and its child process. Plain values (what JSON
 * carries unchanged: finite numbers, strings, booleans, null, and arrays and plain objects of them)
 * cross as JSON, which Node's IPC carries about twice as fast as a structured clone; anything else
 * (undefined, a BigInt, a Map, a Date, a typed array) crosses as V8's structured clone, the one worker
 * threads use, so that both backends carry the same values.
 */
export type Wire = { readonly plain: unknown } | { readonly cloned: string };

/** JSON would carry it unchanged: a string, a boolean, or a finite number other than -0. */
function isPlainPrimitive(value: unknown): boolean {
  const type = typeof value;
  if (type === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  return type === 'string' || type === 'boolean';
}

/** JSON would carry it unchanged. Deep values are cloned rather than walked. */
function isPlain(value: unknown, depth = 0): boolean {
  if (typeof value !== 'object') return isPlainPrimitive(value);
  if (value === null) return true;
  if (depth > 32) return false;
  if (Array.isArray(value)) {
    // The loop checks numbers and strings itself rather than by a call each: a map's chunk holds thousands
    // of them, and a runner not yet optimised by V8 paid 4 ms for a chunk of 12,500 numbers in calls.
    // A hole reads as undefined, which JSON would not carry.
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'number') {
        // Not finite (NaN - NaN and Infinity - Infinity are NaN), or -0: in operators, not calls, for the same reason.
        if (item - item !== 0 || (item === 0 && 1 / item < 0)) return false;
      } else if (typeof item !== 'string' && !isPlain(item, depth + 1)) return false;
    }
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  for (const key in value) if (!isPlain((value as Record<string, unknown>)[key], depth + 1)) return false;
  return true;
}

/** Throws as a structured clone does (DataCloneError) for what cannot cross at all, such as a function. */
export function toWire(message: unknown): Wire {
  return isPlain(message) ? { plain: message } : { cloned: serialize(message).toString('base64') };
}

export function fromWire(wire: Wire): unknown {
  return 'plain' in wire ? wire.plain : deserialize(Buffer.from(wire.cloned, 'base64'));
}
