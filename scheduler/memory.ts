/** The judged threads' shared memory, by name: as a reader names its cells, and as each execution starts from it. */

/** The shared memory, by name, in the order its addresses (the names' indices) number it. */
export type Memory = Readonly<Record<string, SharedArrayBuffer>>;

/** A shared cell as a reader knows it: `lock`, `counter[1]`; undefined for memory of the thread's own (address -1). */
export function cellName(names: readonly string[], address: number, index: number): string | undefined {
  return address < 0 ? undefined : `${names[address]}${index === 0 ? '' : `[${index}]`}`;
}

/** Every execution starts from zeroed memory. */
export function zero(memory: Memory): void {
  for (const buffer of Object.values(memory)) new Uint8Array(buffer).fill(0);
}

/** The memory as it is now, kept apart from what the threads do next. */
export function copied(memory: Memory): Memory {
  return Object.fromEntries(
    Object.entries(memory).map(([name, buffer]) => {
      const copy = new SharedArrayBuffer(buffer.byteLength);
      new Uint8Array(copy).set(new Uint8Array(buffer));
      return [name, copy];
    }),
  );
}
