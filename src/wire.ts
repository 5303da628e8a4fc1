import { deserialize, serialize } from 'node:v8';

/**
 * A message as it crosses the pipe between a parent and its child process. Plain values (what JSON
 * carries unchanged: finite numbers, strings, booleans, null, and arrays and plain objects of them)
 * cross as JSON, which Node's IPC carries about twice as fast as a structured clone; anything else
 * (undefined, a BigInt, a Map, a Date, a typed array) crosses as V8's structured clone, the one worker
 * threads use, so that both backends carry the same values.
 */
export type Wire = { readonly plain: unknown } | { readonly cloned: string };

/** JSON would carry it unchanged. Deep values are cloned rather than walked. */
function isPlain(value: unknown, depth = 0): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (depth > 32) return false;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!(i in value) || !isPlain(value[i], depth + 1)) return false;
        return true;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      for (const key in value) if (!isPlain((value as Record<string, unknown>)[key], depth + 1)) return false;
      return true;
    }
    default:
      return false;
  }
}

/** Throws as a structured clone does (DataCloneError) for what cannot cross at all, such as a function. */
export function toWire(message: unknown): Wire {
  return isPlain(message) ? { plain: message } : { cloned: serialize(message).toString('base64') };
}

export function fromWire(wire: Wire): unknown {
  return 'plain' in wire ? wire.plain : deserialize(Buffer.from(wire.cloned, 'base64'));
}
