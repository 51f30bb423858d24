// Builds a Capillary client for a profile: its credentials from SecretStorage, request settings, logging
// and the OAuth token cache wired in.
import { createCapillaryClient, type CapillaryClient } from './api';
import type { Log } from './log';
import type { SecretStore } from './secretStore';
import { normaliseBaseUrl, readRequestSettings, type Profile } from './settings';

/** Raised when a profile has no credentials yet; commands answer it by asking for them. */
export class MissingCredentialsError extends Error {
  constructor(readonly profileName: string) {
    super(`Profile "${profileName}" has no credentials yet. Run "Capillary: Set Credentials" to add them.`);
  }
}

export class Connections {
  constructor(
    private readonly secrets: SecretStore,
    private readonly log: Log,
  ) {}

  async clientFor(profile: Profile): Promise<CapillaryClient> {
    const auth = await this.secrets.authFor(profile.name);
    if (!auth) throw new MissingCredentialsError(profile.name);
    return createCapillaryClient({
      baseUrl: normaliseBaseUrl(profile.baseUrl),
      auth,
      ...readRequestSettings(),
      onRequest: (record) => this.log.request(record),
      onToken: (token) => {
        void this.secrets.setToken(profile.name, token);
      },
    });
  }
}
