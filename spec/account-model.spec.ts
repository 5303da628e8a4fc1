/**
 * The whole contract of Account, as one model (claims/models/account.ts): ours keeps it, from the main thread
 * and from workers, and each broken account in fixtures/broken-accounts.ts, wrong in one way, is rejected by
 * it, with a message that names the step where it parts from the model.
 */
import { describe } from 'vitest';
import { accountModel } from '../claims/models/account.ts';
import { Account } from '../src/account.ts';
import { specify } from './support/specify.ts';

describe('The contract of Account as a model', () => {
  specify(accountModel, { Account, accountClass: { module: new URL('../src/account.ts', import.meta.url).href, name: 'Account' } });
});
