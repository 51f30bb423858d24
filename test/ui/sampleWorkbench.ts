// The workbench most UI journeys start from: a "Sample (local)" Basic profile pointing at a running sample API.
import { after, before } from 'node:test';
import { SAMPLE_CREDENTIALS, startSampleApi, type SampleApi } from '../../sample-api/server';
import { openWorkbench, type WorkbenchOptions, type WorkbenchSession } from './workbench';
import { setBasicCredentials } from './wizard';

export const SAMPLE_PROFILE = 'Sample (local)';

/** The settings of the sample profile, made the active one. */
export function sampleProfileSettings(api: SampleApi): Record<string, unknown> {
  return {
    'capillary.profiles': [{ name: SAMPLE_PROFILE, baseUrl: api.url, authType: 'basic' }],
    'capillary.activeProfile': SAMPLE_PROFILE,
  };
}

/**
 * A workbench with the sample profile; its credentials are entered through the palette as a user does, unless
 * `withCredentials` is false (a journey that starts before any command).
 */
export async function openSampleWorkbench(
  api: SampleApi,
  options: WorkbenchOptions & { withCredentials?: boolean } = {},
): Promise<WorkbenchSession> {
  const { withCredentials = true, userSettings, ...rest } = options;
  const workbench = await openWorkbench({ theme: 'dark', ...rest, userSettings: { ...sampleProfileSettings(api), ...userSettings } });
  if (withCredentials) await setBasicCredentials(workbench.page, SAMPLE_CREDENTIALS.basic);
  return workbench;
}

/**
 * A suite's sample API (2,000 events for the large customer) and workbench with the sample profile, started before
 * its tests and closed after them; `options` go to openSampleWorkbench.
 */
export function useSampleWorkbench(
  options: WorkbenchOptions & { withCredentials?: boolean } = {},
): { readonly api: SampleApi; readonly workbench: WorkbenchSession } {
  const suite = {} as { api: SampleApi; workbench: WorkbenchSession };
  before(async () => {
    suite.api = await startSampleApi({ largeUserEvents: 2000 });
    suite.workbench = await openSampleWorkbench(suite.api, options);
  });
  after(async () => {
    await suite.workbench?.close();
    await suite.api?.stop();
  });
  return suite;
}
