/**
 * Spec files share their worker's module graph (vitest.config.ts), so a cost measured once would be
 * the first file's; each file measures the load it runs in.
 */
import { beforeAll } from 'vitest';
import { forgetSpawnCost } from '../../claims/support/bounds.ts';

beforeAll(() => forgetSpawnCost());
