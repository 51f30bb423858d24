// `npm run sample-api -- --port 8123`: runs the sample Capillary API until Ctrl+C.

import { PROGRESS_LOOKUPS, SAMPLE_CREDENTIALS, SAMPLE_LOOKUPS, startSampleApi, type SampleApiOptions } from './server';

/** The lookup `--add-events-every` adds to unless `--add-events-to` names another. */
const DEFAULT_GROWING_LOOKUP = SAMPLE_LOOKUPS.docExample;

const USAGE =
  'Usage: node out/sample-api/cli.js [--port N] [--latency-ms N] [--offset-mode page|row] [--total-mode records|pages] [--large-user-events N] [--fail-target-groups 403|500|502|503|429]\n' +
  '       [--rate-limit REQUESTS_PER_SECOND [--rate-limit-retry-after]] [--page-cap N]\n' +
  '       [--add-events-every SECONDS [--add-events-to USERID/TARGETRULEID]]\n' +
  '       (the port may also come from SAMPLE_API_PORT; 0 picks a free port)';

interface CliSettings {
  options: SampleApiOptions;
  /** Adds an event to `growing` every so many seconds. */
  addEventsEvery?: number;
  growing: { userId: string; targetRuleId: string };
  failTargetGroups?: 403 | 500 | 502 | 503 | 429;
  offsetMode: 'page' | 'row';
  totalMode: 'records' | 'pages';
  rateLimitPerSecond?: number;
  rateLimitRetryAfter?: boolean;
  silentPageCap?: number;
}

function parseCount(flag: string, value: string | undefined): number {
  if (value === undefined || !/^[0-9]+$/.test(value)) throw new Error(`${flag} needs a whole number, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`);
  return Number(value);
}

function parseArgs(argv: string[]): CliSettings {
  const envPort = process.env.SAMPLE_API_PORT;
  const settings: CliSettings = {
    options: { port: envPort ? parseCount('SAMPLE_API_PORT', envPort) : 0 },
    offsetMode: 'page',
    totalMode: 'records',
    growing: { ...DEFAULT_GROWING_LOOKUP },
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--rate-limit-retry-after') {
      settings.rateLimitRetryAfter = true;
      continue;
    }
    const value = argv[i + 1];
    i++;
    if (flag === '--port') settings.options.port = parseCount(flag, value);
    else if (flag === '--latency-ms') settings.options.latencyMs = parseCount(flag, value);
    else if (flag === '--rate-limit') settings.rateLimitPerSecond = parseCount(flag, value) || 1;
    else if (flag === '--page-cap') settings.silentPageCap = parseCount(flag, value) || 1;
    else if (flag === '--large-user-events') settings.options.largeUserEvents = parseCount(flag, value);
    else if (flag === '--add-events-every') settings.addEventsEvery = parseCount(flag, value) || 1;
    else if (flag === '--add-events-to' && value !== undefined && /^[0-9]+\/[0-9]+$/.test(value)) {
      const [userId, targetRuleId] = value.split('/');
      settings.growing = { userId, targetRuleId };
    } else if (flag === '--offset-mode' && (value === 'page' || value === 'row')) settings.offsetMode = value;
    else if (flag === '--total-mode' && (value === 'records' || value === 'pages')) settings.totalMode = value;
    else if (flag === '--fail-target-groups' && ['403', '500', '502', '503', '429'].includes(value ?? '')) {
      settings.failTargetGroups = Number(value) as CliSettings['failTargetGroups'];
    }
    else throw new Error(`Unknown or incomplete option ${JSON.stringify(flag)}${value === undefined ? '' : ` ${JSON.stringify(value)}`}`);
  }
  return settings;
}

async function main(): Promise<void> {
  let settings: CliSettings;
  try {
    settings = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const api = await startSampleApi(settings.options);
  api.setFaults({
    offsetMode: settings.offsetMode,
    totalMode: settings.totalMode,
    targetGroupsFailStatus: settings.failTargetGroups,
    rateLimitPerSecond: settings.rateLimitPerSecond,
    rateLimitRetryAfter: settings.rateLimitRetryAfter,
    silentPageCap: settings.silentPageCap,
  });
  const { basic, oauth } = SAMPLE_CREDENTIALS;
  console.log(`Sample Capillary API listening on ${api.url}`);
  console.log(`Basic auth: username ${basic.username}, password ${basic.password}`);
  console.log(`OAuth: client key ${oauth.clientKey}, client secret ${oauth.clientSecret}`);
  for (const [name, lookup] of Object.entries({ ...SAMPLE_LOOKUPS, ...PROGRESS_LOOKUPS })) {
    console.log(`Lookup ${name}: userId ${lookup.userId}, targetRuleId ${lookup.targetRuleId}`);
  }
  if (settings.addEventsEvery !== undefined) {
    api.startAddingEvents({ ...settings.growing, everySeconds: settings.addEventsEvery });
    console.log(`Adding an event to user ${settings.growing.userId}, rule ${settings.growing.targetRuleId} every ${settings.addEventsEvery} s`);
  }
  if (settings.rateLimitPerSecond !== undefined) {
    console.log(`Rate limit: ${settings.rateLimitPerSecond} requests a second, then HTTP 429${settings.rateLimitRetryAfter ? ' with Retry-After' : ' without Retry-After'}`);
  }
  if (settings.silentPageCap !== undefined) console.log(`Pages hold at most ${settings.silentPageCap} events (the limit asked is echoed)`);
  console.log(`offset read as ${settings.offsetMode} index, total counts ${settings.totalMode}; Ctrl+C stops`);

  const shutdown = (): void => {
    process.off('SIGINT', shutdown);
    process.off('SIGTERM', shutdown);
    void api.stop().then(() => console.log('Sample Capillary API stopped'));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`Sample Capillary API failed to start: ${(error as Error).message}`);
  process.exitCode = 1;
});
