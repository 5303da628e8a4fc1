/**
 * What `npm run learn` checks before it judges a file: that it compiles, as strictly as our own code does.
 * The meta-spec pastes every hint and solution through it, and `npm run mutate:lessons` every surviving mutant.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import process from 'node:process';
import { root, shown } from './workspace.ts';

/** The type checker's errors in `path` (syntax errors too), each with its file and line. */
export function typeErrors(path: string): Promise<string[]> {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const flags = ['--ignoreConfig', '--noEmit', '--pretty', 'false', '--strict', '--target', 'esnext', '--module', 'nodenext', '--types', 'node'];
  const more = ['--allowImportingTsExtensions', '--erasableSyntaxOnly', '--verbatimModuleSyntax', '--noImplicitOverride', '--skipLibCheck'];
  return new Promise((done) => {
    execFile(process.execPath, [tsc, ...flags, ...more, path], { cwd: root }, (_error, stdout) => {
      const file = shown(path);
      // `lessons/yours/1-process.ts(12,5): error TS2322: ...` becomes `lessons/yours/1-process.ts:12:5: ...`.
      const errors = stdout
        .split('\n')
        .filter((line) => line.startsWith(`${file}(`))
        .map((line) => line.replace(/^(.*?)\((\d+),(\d+)\): error (TS\d+): /, '$1:$2:$3: $4 '));
      done(errors);
    });
  });
}
