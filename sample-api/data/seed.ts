// The sample API's seed: the documentation page's examples exactly, edge cases, target progress cases and
// generated customers, each from its own module; this one names the lookups and puts the cases together.

import { BEHAVIOURAL, DOC_EXAMPLE, docExampleCases } from './docExamples';
import { BIG_IDS, NO_EVENTS, edgeCases } from './edgeCases';
import { LARGE, generatedCases } from './generatedCustomers';
import { progressCases } from './progressCases';
import { explainCases } from './explainCases';
import type { Seed } from './types';

export const SAMPLE_LOOKUPS = {
  docExample: DOC_EXAMPLE,
  behavioural: BEHAVIOURAL,
  large: LARGE,
  bigIds: BIG_IDS,
  noEvents: NO_EVENTS,
} as const;

export function buildSeed(largeUserEvents: number): Seed {
  const explain = explainCases();
  const cases = [docExampleCases(), edgeCases(), progressCases(), explain.seedCase, generatedCases(largeUserEvents)];
  return {
    lookups: cases.flatMap((seedCase) => seedCase.lookups),
    customers: new Map(cases.flatMap((seedCase) => seedCase.customers)),
    targetGroups: new Map(cases.flatMap((seedCase) => seedCase.targetGroups)),
    explain: explain.explain,
  };
}
