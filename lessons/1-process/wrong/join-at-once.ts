/** Lesson 1, with a join that returns at once: the counter-model of process.concurrent, in the learner's place. */

import { joinAtOnce } from '../../../claims/counter-models/join-at-once.ts';
import { Process as OurProcess } from '../../../src/process.ts';

export const Process = joinAtOnce(OurProcess);
