/**
 * Node runtimes from the npm registry (the `node` package), one folder per version, kept between runs:
 * a runtime already there is used as it is, and nothing is downloaded again. The version this very Node
 * is (the project's pinned one, under npm) is never downloaded: it is already here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Outside the project, so that `npm ci` and fresh clones keep the runtimes: $NODE_LINES_CACHE, or the user's cache. */
export const cache = process.env.NODE_LINES_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'process-vs-thread', 'node-lines');

/**
 * What one runtime takes on disk, rounded: `du -sh` of a fresh install on linux/x64 (December 2026) gave
 * 185 MB for 22.23.3, 189 MB for 24.21.0 and 211 MB for 26.10.0. The download itself is compressed, and smaller.
 */
export const megabytesEach = 200;

/** The exact version the project checks for each maintained line (package.json `config.nodeLines`). */
export function nodeLines(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { config: { nodeLines: Record<string, string> } };
  return manifest.config.nodeLines;
}

function binaryOf(folder: string): string {
  return process.platform === 'win32' ? join(folder, 'node_modules', 'node', 'bin', 'node.exe') : join(folder, 'node_modules', 'node', 'bin', 'node');
}

/** Node `version`'s binary in the cache, if it is there. */
function cached(version: string): string | undefined {
  const binary = binaryOf(join(cache, version));
  return existsSync(binary) ? binary : undefined;
}

/** Of `versions`, those to download: neither the Node that runs (`running`, as `process.version` says it) nor in the cache. */
export function toFetch(versions: readonly string[], running: string, inCache: (version: string) => boolean): string[] {
  return [...new Set(versions)].filter((version) => `v${version}` !== running && !inCache(version));
}

/** What to say before downloading `versions` into `folder`, and how to do without: nothing when there is nothing to download. */
export function fetchNote(versions: readonly string[], folder: string, without: string): string | undefined {
  if (versions.length === 0) return undefined;
  const which = versions.map((version) => `Node ${version}`).join(' and ');
  return (
    `Downloading ${which} from the npm registry (the \`node\` package) into ${folder}: about ${versions.length * megabytesEach} MB on disk, ` +
    `once; later runs find ${versions.length === 1 ? 'it' : 'them'} there (NODE_LINES_CACHE names another folder). ${without}`
  );
}

/** Installs Node `version` into the cache and returns its binary. */
function install(version: string): string {
  const folder = join(cache, version);
  const binary = binaryOf(folder);
  const npm = process.env.npm_execpath;
  if (npm === undefined) throw new Error('Run this through npm (npm run test:matrix, npm run bench), which tells it where npm is');
  mkdirSync(folder, { recursive: true });
  // The `node` package installs its binary from a script: approve it here, as the project's package.json does.
  writeFileSync(join(folder, 'package.json'), `${JSON.stringify({ private: true, allowScripts: { node: true } }, null, 2)}\n`);
  // npm's stdout is only its summary (`added 2 packages`), which names no package: the caller says what was installed.
  const installed = spawnSync(process.execPath, [npm, 'install', '--no-audit', '--no-fund', '--loglevel=error', `node@${version}`], {
    cwd: folder,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (installed.status !== 0 || !existsSync(binary)) throw new Error(`Could not install node@${version} from the npm registry`);
  return binary;
}

/**
 * The binary of each of `versions`, by version. Those not here yet are downloaded, after `say` has been told
 * what, where to and about how much (and `without`: how to run without them), and once each is in place.
 */
export function runtimes(versions: readonly string[], say: (line: string) => void, without: string): Map<string, string> {
  const note = fetchNote(
    toFetch(versions, process.version, (version) => cached(version) !== undefined),
    cache,
    without,
  );
  if (note !== undefined) say(note);
  const pathOf = (version: string) => {
    if (`v${version}` === process.version) return process.execPath;
    const here = cached(version);
    if (here !== undefined) return here;
    const began = performance.now();
    const installed = install(version);
    say(`Installed Node ${version} in ${((performance.now() - began) / 1000).toFixed(0)} s.`);
    return installed;
  };
  return new Map(versions.map((version) => [version, pathOf(version)]));
}
