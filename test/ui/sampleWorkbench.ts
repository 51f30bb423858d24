// The workbench most UI journeys start from: a "Sample (local)" Basic profile pointing at a running sample API.
import { SAMPLE_CREDENTIALS, type SampleApi } from '../../sample-api/server';
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
