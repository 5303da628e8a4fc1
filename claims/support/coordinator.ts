/**
 * A rendezvous point outside the system under test. Tasks connect over a local socket, say "started",
 * and wait for "go"; the spec decides when each may go. Because the coordinator is not part of Process
 * or Pool, a broken implementation cannot fake what it observes: if the spec saw N tasks started and
 * none ended, N tasks really were running at the same time.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { type FailureId, withId } from '../failures.ts';

export interface Arrival {
  readonly id: string;
  readonly pid: number;
  readonly threadId: number;
}

export interface Event extends Arrival {
  readonly kind: 'started' | 'ended';
  /** When the parent heard of it (performance.now()). */
  readonly at: number;
}

let opened = 0;

/**
 * A path no other coordinator has: a process killed before it closed its coordinator leaves its socket file
 * behind, and pids are reused (a judge once met a dead one's file: EADDRINUSE), hence a random part too.
 */
function socketPath(): string {
  const name = `process-vs-thread-${process.pid}-${randomUUID().slice(0, 8)}-${opened++}`;
  return process.platform === 'win32' ? `\\\\.\\pipe\\${name}` : join(tmpdir(), `${name}.sock`);
}

export class Coordinator {
  readonly address: string;
  readonly events: Event[] = [];
  readonly #server: Server;
  readonly #waiting = new Map<string, Socket>();
  readonly #sockets = new Set<Socket>();
  readonly #live = new Set<string>();
  #maxLive = 0;
  #changed: () => void = () => {};

  private constructor(server: Server, address: string) {
    this.#server = server;
    this.address = address;
  }

  static async open(): Promise<Coordinator> {
    const address = socketPath();
    const server = createServer();
    const coordinator = new Coordinator(server, address);
    server.on('connection', (socket) => coordinator.#accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(address, resolve);
    });
    return coordinator;
  }

  /** Tasks that said "started" and have not yet said "ended". */
  get live(): ReadonlySet<string> {
    return this.#live;
  }

  /** The most tasks ever live at once. */
  get maxLive(): number {
    return this.#maxLive;
  }

  count(kind: Event['kind']): number {
    return this.events.filter((event) => event.kind === kind).length;
  }

  /** Lets a waiting task go on. */
  release(id: string): void {
    const socket = this.#waiting.get(id);
    if (socket === undefined) throw new Error(`Task ${id} is not waiting at the rendezvous`);
    this.#waiting.delete(id);
    socket.write('go\n');
  }

  releaseAll(): void {
    for (const id of [...this.#waiting.keys()]) this.release(id);
  }

  /**
   * Resolves once `condition` holds. The bound only keeps a broken implementation from hanging the spec
   * (a sequential one never brings every task to the rendezvous); a correct one meets it far sooner.
   */
  async until(condition: () => boolean, what: string, boundMs: number, id?: FailureId): Promise<void> {
    if (condition()) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#changed = () => {};
        const seen = this.events.map((event) => `${event.kind} ${event.id}`).join(', ') || 'nothing';
        const waited = new Error(`Waited ${Math.round(boundMs)} ms for ${what}; meanwhile the tasks did: ${seen}`);
        reject(id === undefined ? waited : withId(waited, id));
      }, boundMs);
      this.#changed = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.#changed = () => {};
        resolve();
      };
    });
  }

  /** Closing hangs up on every task still waiting: their wait fails, so nothing is left running. */
  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    if (process.platform !== 'win32') rmSync(this.address, { force: true });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  #accept(socket: Socket): void {
    this.#sockets.add(socket);
    socket.on('close', () => this.#sockets.delete(socket));
    socket.on('error', () => {});
    let buffered = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        this.#hear(socket, JSON.parse(buffered.slice(0, newline)) as Omit<Event, 'at'>);
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf('\n');
      }
    });
  }

  #hear(socket: Socket, message: Omit<Event, 'at'>): void {
    this.events.push({ ...message, at: performance.now() });
    if (message.kind === 'started') {
      this.#live.add(message.id);
      this.#maxLive = Math.max(this.#maxLive, this.#live.size);
      this.#waiting.set(message.id, socket);
    } else {
      this.#live.delete(message.id);
    }
    this.#changed();
  }
}
