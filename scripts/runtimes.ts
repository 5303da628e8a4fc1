/**
 * Node runtimes from the npm registry (the `node` package), one folder per version, kept between runs:
 * a runtime already there is used as it is, and nothing is downloaded again.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Outside the project, so that `npm ci` and fresh clones keep the runtimes: $NODE_LINES_CACHE, or the user's cache. */
const cache = process.env.NODE_LINES_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'process-vs-thread', 'node-lines');

/** The exact version the project checks for each maintained line (package.json `config.nodeLines`). */
export function nodeLines(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { config: { nodeLines: Record<string, string> } };
  return manifest.config.nodeLines;
}

function binaryOf(folder: string): string {
  return process.platform === 'win32' ? join(folder, 'node_modules', 'node', 'bin', 'node.exe') : join(folder, 'node_modules', 'node', 'bin', 'node');
}

/** The path of Node `version`'s binary, installing it from the registry the first time. */
export function runtime(version: string): { path: string; downloaded: boolean } {
  const folder = join(cache, version);
  const binary = binaryOf(folder);
  if (existsSync(binary)) return { path: binary, downloaded: false };
  const npm = process.env.npm_execpath;
  if (npm === undefined) throw new Error('Run this through npm (npm run test:matrix), which tells it where npm is');
  mkdirSync(folder, { recursive: true });
  // The `node` package installs its binary from a script: approve it here, as the project's package.json does.
  writeFileSync(join(folder, 'package.json'), `${JSON.stringify({ private: true, allowScripts: { node: true } }, null, 2)}\n`);
  const install = spawnSync(process.execPath, [npm, 'install', '--no-audit', '--no-fund', '--loglevel=error', `node@${version}`], {
    cwd: folder,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (install.status !== 0 || !existsSync(binary)) throw new Error(`Could not install node@${version} from the npm registry`);
  return { path: binary, downloaded: true };
}
