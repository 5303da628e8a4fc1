/**
 * A program a user might write, run on its own by the liveness property (spec/liveness.spec.ts), never
 * under vitest, whose own handles keep any program alive. It does what its scenario says with the
 * implementations the module at the given URL exports, prints "the end" as its last line, and must then
 * exit 0 by itself. Usage: node user-program.ts <implementations module URL> <scenario as JSON>.
 */
import process from 'node:process';
import { type Implementations, runScenario, type Scenario } from './scenario.ts';

const [implementations, scenario] = process.argv.slice(2) as [string, string];
await runScenario((await import(implementations)) as Implementations, JSON.parse(scenario) as Scenario);
