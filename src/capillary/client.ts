// The Capillary client: checked options and one transport, wired to the endpoint modules (endpoints/) and the
// target progress assembly; the CapillarySource over Capillary's target APIs.
import { Transport } from './transport/http';
import { checkOptions } from './options';
import { generateOAuthToken } from './endpoints/oauth';
import { fetchUserTargetGroups } from './endpoints/targetGroups';
import { fetchTargetPeriods } from './endpoints/targetPeriods';
import { checkPageParams, fetchPage } from './endpoints/trackedTargetEvents/page';
import { fetchLookup } from './endpoints/trackedTargetEvents/paging';
import { fetchTargetProgress } from './targetProgress';
import { fetchTargetDefinitions } from './endpoints/targetDefinitions';
import { fetchCustomerTransactions } from './endpoints/customerTransactions';
import { fetchBehaviouralEvents } from './endpoints/eventsSearch';
import { fetchStoreParents } from './endpoints/orgEntities';
import { fetchEvaluationLog } from './endpoints/evaluationLog';
import type { CapillarySource } from './source';
import type { ClientOptions, FetchOptions, LookupParams, LookupResult } from './types';

export function createCapillaryClient(options: ClientOptions): CapillarySource {
  const settings = checkOptions(options);
  const transport = new Transport(settings, generateOAuthToken);
  // A scheduler of its own ends with the client; a profile's shared one lives on.
  const ownScheduler = options.scheduler === undefined;
  return {
    fetchTrackedTargetEvents: (params, fetchOptions) => fetchLookup(transport, settings, params, fetchOptions ?? {}),
    fetchTrackedTargetEventsPage: async (params, pageOptions) => {
      const { lookup, limit, offset } = checkPageParams(params);
      return fetchPage(transport, lookup, limit, offset, pageOptions?.signal);
    },
    getUserTargetGroups: async (userId, requestOptions) => fetchUserTargetGroups(transport, userId, { signal: requestOptions?.signal }),
    getTargetPeriods: async (targetGroupId, requestOptions) => fetchTargetPeriods(transport, targetGroupId, requestOptions?.signal),
    getTargetProgress: (params, progressOptions) => fetchTargetProgress(transport, params, progressOptions),
    getTargetDefinitions: async (targetGroupId, requestOptions) => fetchTargetDefinitions(transport, targetGroupId, requestOptions?.signal),
    getCustomerTransactions: async (window, requestOptions) => fetchCustomerTransactions(transport, window, requestOptions?.signal),
    searchBehaviouralEvents: async (search, requestOptions) => fetchBehaviouralEvents(transport, search, requestOptions?.signal),
    getStoreParents: async (storeIds, requestOptions) => fetchStoreParents(transport, storeIds, requestOptions?.signal),
    getEvaluationLog: async (bill, requestOptions) => fetchEvaluationLog(transport, bill, requestOptions?.signal),
    dispose: () => {
      transport.dispose();
      if (ownScheduler) settings.scheduler.dispose();
    },
  };
}

/** Every event of one lookup with a client of its own, disposed afterwards (scripts and benchmarks). */
export async function fetchTrackedTargetEvents(options: ClientOptions, params: LookupParams, fetchOptions?: FetchOptions): Promise<LookupResult> {
  const client = createCapillaryClient(options);
  try {
    return await client.fetchTrackedTargetEvents(params, fetchOptions);
  } finally {
    client.dispose();
  }
}
