// Builds a Capillary client for a profile: its credentials from SecretStorage, request settings, logging
// and the OAuth token cache wired in. Every client of a profile (lookups, watches, explanations) shares the profile's
// request scheduler, so that they keep within the API key's rate limit together.
import { createCapillaryClient, RequestScheduler, type Auth, type CapillaryClient } from '../capillary';
import type { Log } from '../log';
import type { SecretStore } from './secretStore';
import { normaliseBaseUrl, readRequestSettings, type Profile } from './settings';

/** Raised when a profile has no credentials yet; commands answer it by asking for them. */
export class MissingCredentialsError extends Error {
  constructor(readonly profileName: string) {
    super(`Profile "${profileName}" has no credentials yet. Run "Capillary: Set Credentials" to add them.`);
  }
}

export class Connections {
  private readonly schedulers = new Map<string, RequestScheduler>();

  constructor(
    private readonly secrets: SecretStore,
    private readonly log: Log,
  ) {}

  async clientFor(profile: Profile): Promise<CapillaryClient> {
    const auth = await this.secrets.authFor(profile.name);
    if (!auth) throw new MissingCredentialsError(profile.name);
    return this.clientWith(profile, auth);
  }

  /**
   * A client for the profile with the given credentials. One that checks credentials not yet saved neither
   * retries (one cheap answer is the point) nor caches its OAuth token for the profile.
   */
  clientWith(profile: Profile, auth: Auth, purpose: 'lookup' | 'check' = 'lookup'): CapillaryClient {
    const settings = readRequestSettings();
    return createCapillaryClient({
      baseUrl: normaliseBaseUrl(profile.baseUrl),
      auth,
      ...settings,
      // Credentials not yet saved may be another API key: their check keeps a scheduler of its own.
      scheduler: purpose === 'check' ? undefined : this.schedulerFor(profile, settings.concurrency),
      retries: purpose === 'check' ? 0 : settings.retries,
      onRequest: (record) => this.log.request(record),
      onToken:
        purpose === 'check'
          ? undefined
          : (token) => {
              void this.secrets.setToken(profile.name, token);
            },
    });
  }

  /** The profile's scheduler, with the settings as they are now. */
  private schedulerFor(profile: Profile, maxConcurrency: number): RequestScheduler {
    const settings = { maxConcurrency, requestsPerMinute: profile.requestsPerMinute };
    let scheduler = this.schedulers.get(profile.name);
    if (scheduler) scheduler.configure(settings);
    else this.schedulers.set(profile.name, (scheduler = new RequestScheduler(settings)));
    return scheduler;
  }

  dispose(): void {
    for (const scheduler of this.schedulers.values()) scheduler.dispose();
    this.schedulers.clear();
  }
}
