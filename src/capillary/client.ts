// The Capillary client: checked options and one transport, wired to the lookup (`paging.ts`), single pages
// (`page.ts`), the ID pickers (`targets.ts`) and the target progress (`progress.ts`).
import { Transport } from './transport/http';
import { checkOptions } from './options';
import { checkPageParams, fetchPage } from './endpoints/trackedTargetEvents/page';
import { fetchLookup } from './endpoints/trackedTargetEvents/paging';
import { fetchTargetProgress } from './endpoints/targetProgress';
import { getTargetPeriods, getUserTargetGroups } from './endpoints/targetPickers';
import type { CapillaryClient, ClientOptions } from './types';

export function createCapillaryClient(options: ClientOptions): CapillaryClient {
  const settings = checkOptions(options);
  const transport = new Transport(settings);
  return {
    fetchTrackedTargetEvents: (params, fetchOptions) => fetchLookup(transport, settings, params, fetchOptions ?? {}),
    fetchTrackedTargetEventsPage: async (params, pageOptions) => {
      const { lookup, limit, offset } = checkPageParams(params);
      return fetchPage(transport, lookup, limit, offset, pageOptions?.signal);
    },
    getUserTargetGroups: async (userId, requestOptions) => getUserTargetGroups(transport, userId, requestOptions?.signal),
    getTargetPeriods: async (targetGroupId, requestOptions) => getTargetPeriods(transport, targetGroupId, requestOptions?.signal),
    getTargetProgress: (params, requestOptions) => fetchTargetProgress(transport, params, requestOptions?.signal),
    dispose: () => transport.dispose(),
  };
}
