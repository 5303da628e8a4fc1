/**
 * Preloaded (`--import`) by `npm run test:matrix` on Node lines whose compile cache does not cover
 * TypeScript (Node 22): there, every process and every worker thread loads Node's type stripper anew
 * (a WebAssembly module) before its first `.ts` file, about 35 ms of CPU each, and the spec starts about a
 * thousand of them. This keeps what Node's own stripping (`module.stripTypeScriptTypes`) made of each
 * source, keyed by the source itself, and gives it back without loading the stripper again. The code that
 * runs is the same; only the repeated work is saved. It is plain JavaScript, since it must load without
 * stripping.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { registerHooks, stripTypeScriptTypes } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const cache = join(tmpdir(), `process-vs-thread-stripped-${process.version}`);
mkdirSync(cache, { recursive: true });

/** FNV-1a over the source's UTF-16 units: a cheap key, where loading node:crypto in every worker would cost more than it saves. */
function fnv1a(text, seed) {
  let hash = seed;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return (hash >>> 0).toString(36);
}

/** Two hashes and the length: about 64 bits of key for a few hundred sources. */
function keyOf(source) {
  return `${fnv1a(source, 2166136261)}-${fnv1a(source, 374761393)}-${source.length.toString(36)}`;
}

/** Node's own stripping, without its "experimental" warning, which would land in a child's stderr that a spec reads. */
function strip(source) {
  const emitWarning = process.emitWarning;
  process.emitWarning = () => {};
  try {
    return stripTypeScriptTypes(source);
  } finally {
    process.emitWarning = emitWarning;
  }
}

registerHooks({
  load(url, context, nextLoad) {
    if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
    const source = readFileSync(fileURLToPath(url), 'utf8');
    const path = join(cache, `${keyOf(source)}.js`);
    let code;
    try {
      code = readFileSync(path, 'utf8');
    } catch {
      code = strip(source);
      // Written aside and renamed: a process reading it never sees half a file.
      const written = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
      writeFileSync(written, code);
      renameSync(written, path);
    }
    return { format: 'module', source: code, shortCircuit: true };
  },
});
