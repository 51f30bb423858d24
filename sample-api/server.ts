// The embedded sample Capillary API: a real HTTP server on 127.0.0.1 for tests, benchmarks and demos.
// Plain Node `http`, no framework. This module routes requests to the endpoints (one module each in endpoints/)
// and runs the server: start, counters, recorded requests, the knobs, stop.

import * as http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';
import { SampleAuth } from './auth';
import type { SampleEvent } from './data/types';
import { OAUTH_TOKEN_PATH, MAX_TOKEN_BODY_BYTES, oauthTokenReply } from './endpoints/oauthToken';
import { TARGET_GROUPS_PATH, targetGroupsReply } from './endpoints/targetGroups';
import { TARGET_PERIODS_PATH, targetPeriodsReply } from './endpoints/targetPeriods';
import { TRACKED_TARGET_EVENTS_PATH, trackedTargetEventsReply } from './endpoints/trackedTargetEvents';
import { TARGET_DEFINITIONS_PATH, targetDefinitionsReply } from './endpoints/targetDefinitions';
import { CUSTOMER_TRANSACTIONS_PATH, customerTransactionsReply } from './endpoints/customerTransactions';
import { EVALUATION_LOG_PATH, MAX_EVALUATION_BODY_BYTES, evaluationLogReply } from './endpoints/evaluationLog';
import { EVENTS_SEARCH_PATH, eventsSearchReply } from './endpoints/eventsSearch';
import { ORG_ENTITIES_PATH, orgEntitiesReply } from './endpoints/orgEntities';
import { RateLimitWindow, afterLatency, defaultFaults, eventsFaultReply, redirectReply, takeCounterFault, writeCutReply, type Faults } from './faults';
import { LookupStore, preparedAddedLookup, preparedSeed } from './lookups';
import { decodeSegment, envelopeError, writeReply, type Reply } from './reply';
import type { SampleApiStats, SampleState } from './state';

export { SAMPLE_CREDENTIALS } from './auth';
export { SAMPLE_LOOKUPS } from './data/seed';
export { GENERATED_CUSTOMER } from './data/generatedCustomers';
export { PROGRESS_LOOKUPS } from './data/progressCases';
export { EXPLAIN_LOOKUPS, EXPLAIN_BILLS, UNPLACED_EVENT_LOG_ID } from './data/explainCases';
export type { ExplainEndpoint } from './faults';
export { MAX_LIMIT } from './endpoints/trackedTargetEvents';
export { ERROR_MESSAGES } from './reply';
export type { SampleEvent } from './data/types';
export type { Faults } from './faults';
export type { SampleApiStats } from './state';

export interface SampleApiOptions {
  /** 0 / undefined = a free port; always binds 127.0.0.1. */
  port?: number;
  /** Initial value of faults.latencyMs. */
  latencyMs?: number;
  /** OAuth token lifetime, default 300. */
  tokenTtlSeconds?: number;
  /** Events of the generated large customer, default 50 000. */
  largeUserEvents?: number;
}

export interface RecordedRequest {
  method: string;
  /** Path and query as received. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Epoch milliseconds when the request arrived. */
  receivedAt: number;
}

export interface SampleApi {
  url: string;
  port: number;
  setFaults(faults: Partial<Faults>): void;
  resetFaults(): void;
  stats(): SampleApiStats;
  resetStats(): void;
  readonly requests: RecordedRequest[];
  /** Empties `requests` (addition to the contract). */
  clearRequests(): void;
  /** Faults, stats and `requests` as a freshly started server has them: what a test starts from. */
  reset(): void;
  /** `enrolledOn` (`YYYY-MM-DD HH:MM:SS`): events before it earn the customer no credit in targetGroups. */
  addLookup(userId: string, targetRuleId: string, events: SampleEvent[], enrolledOn?: string): void;
  /**
   * Appends `count` new events to a lookup, as if the customer had just transacted: after its last event, in that
   * event's period, `targetValue` 999.99 each, dated now. Resolves to the events added.
   */
  addEvents(userId: string, targetRuleId: string, count?: number): SampleEvent[];
  /** The knob for demos: adds `perTick` events to the lookup every `everySeconds` until stop() or `stopAddingEvents()`. */
  startAddingEvents(options: { userId: string; targetRuleId: string; everySeconds: number; perTick?: number }): void;
  stopAddingEvents(): void;
  expireTokens(): void;
  stop(): Promise<void>;
}

export function startSampleApi(options: SampleApiOptions = {}): Promise<SampleApi> {
  const initialLatency = options.latencyMs ?? 0;
  const prepared = preparedSeed(options.largeUserEvents ?? 50_000);
  const state: SampleState = {
    lookups: new LookupStore(prepared.lookups),
    customers: prepared.customers,
    targetGroups: prepared.targetGroups,
    explain: prepared.explain,
    faults: defaultFaults(initialLatency),
    auth: new SampleAuth(options.tokenTtlSeconds ?? 300),
    counters: { requests: 0, eventsRequests: 0, inFlight: 0, maxInFlight: 0, tokensIssued: 0, rateLimited: 0 },
  };
  const { counters } = state;
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  /** Responses not yet finished or closed: exactly the requests in flight. */
  const openResponses = new Set<http.ServerResponse>();
  const rateLimit = new RateLimitWindow();
  const requestIdPrefix = randomBytes(4).toString('hex');
  let requestSeq = 0;

  function nextRequestId(): string {
    return `sample-${requestIdPrefix}-${++requestSeq}`;
  }

  function send(res: http.ServerResponse, reply: Reply): void {
    writeReply(res, reply, nextRequestId());
  }

  function afterFaultLatency(res: http.ServerResponse, respond: () => void): void {
    afterLatency(res, state.faults.latencyMs, timers, respond);
  }

  /** A POST endpoint: its body read (at most `maxBytes`), then `answer` after the latency. */
  function servePost(req: http.IncomingMessage, res: http.ServerResponse, path: string, maxBytes: number, answer: (body: string) => Reply): void {
    if (req.method !== 'POST') {
      req.resume();
      afterFaultLatency(res, () => send(res, { ...envelopeError(405, 405, `Use POST for ${path}`), headers: { Allow: 'POST' } }));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on('end', () => {
      const reply = size > maxBytes ? envelopeError(413, 413, 'Body too large') : answer(Buffer.concat(chunks).toString('utf8'));
      afterFaultLatency(res, () => send(res, reply));
    });
  }

  function serveTrackedTargetEvents(req: http.IncomingMessage, res: http.ServerResponse, match: RegExpExecArray, url: URL): void {
    counters.eventsRequests++;
    const redirect = redirectReply(state.faults, req.url ?? '');
    if (redirect) {
      afterFaultLatency(res, () => send(res, redirect));
      return;
    }
    const fault = takeCounterFault(state.faults);
    if (fault === 'hang') return;
    afterFaultLatency(res, () => {
      const refusal = eventsFaultReply(fault, state.faults);
      if (refusal) {
        send(res, refusal);
        return;
      }
      const reply =
        state.auth.check(req, state.faults.tokenExpiredStatus) ??
        trackedTargetEventsReply(state, decodeSegment(match[1]), decodeSegment(match[2]), url.searchParams);
      if (fault === 'truncateJson' || fault === 'resetMidBody') writeCutReply(res, reply, fault, nextRequestId());
      else send(res, reply);
    });
  }

  /** The GET endpoint of "why it did not count" at `path`, as a reply to its query; undefined for any other path. */
  function explainRoute(path: string): ((query: URLSearchParams) => Reply) | undefined {
    const definitionsMatch = TARGET_DEFINITIONS_PATH.exec(path);
    if (definitionsMatch) return () => targetDefinitionsReply(state, decodeSegment(definitionsMatch[1]), path);
    const transactionsMatch = CUSTOMER_TRANSACTIONS_PATH.exec(path);
    if (transactionsMatch) return (query) => customerTransactionsReply(state, decodeSegment(transactionsMatch[1]), query, path);
    if (path === EVENTS_SEARCH_PATH) return (query) => eventsSearchReply(state, query, path);
    if (path === ORG_ENTITIES_PATH) return (query) => orgEntitiesReply(state, query, path);
    return undefined;
  }

  /** targetGroups and targetPeriods, the GET endpoints of "why it did not count", and the 404 of any other path. */
  function serveTargetReads(req: http.IncomingMessage, res: http.ServerResponse, method: string, url: URL): void {
    const path = url.pathname;
    afterFaultLatency(res, () => {
      const groupsMatch = TARGET_GROUPS_PATH.exec(path);
      const periodsMatch = TARGET_PERIODS_PATH.exec(path);
      const explain = explainRoute(path);
      if (!groupsMatch && !periodsMatch && !explain) {
        send(res, envelopeError(404, 404, `No such endpoint: ${method} ${path}`));
        return;
      }
      if (method !== 'GET') {
        send(res, { ...envelopeError(405, 405, `Use GET for ${path}`), headers: { Allow: 'GET' } });
        return;
      }
      const refusal = state.auth.check(req, state.faults.tokenExpiredStatus);
      if (refusal) send(res, refusal);
      else if (explain) send(res, explain(url.searchParams));
      else if (groupsMatch) send(res, targetGroupsReply(state, decodeSegment(groupsMatch[1]), url.searchParams));
      else if (periodsMatch) send(res, targetPeriodsReply(state, decodeSegment(periodsMatch[1])));
    });
  }

  function handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    counters.requests++;
    counters.inFlight++;
    counters.maxInFlight = Math.max(counters.maxInFlight, counters.inFlight);
    openResponses.add(res);
    const onEnd = (): void => {
      if (openResponses.delete(res)) counters.inFlight--;
    };
    res.once('finish', onEnd);
    res.once('close', onEnd);
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: { ...req.headers }, receivedAt: Date.now() });

    const method = req.method ?? 'GET';
    let url: URL;
    try {
      // Prefixing (rather than resolving against a base) keeps a path such as //host/x a path.
      url = new URL(`http://127.0.0.1${req.url ?? '/'}`);
    } catch {
      req.resume();
      send(res, envelopeError(400, 400, `Malformed request target: ${req.url ?? ''}`));
      return;
    }

    if (url.pathname === OAUTH_TOKEN_PATH) {
      servePost(req, res, OAUTH_TOKEN_PATH, MAX_TOKEN_BODY_BYTES, (body) => oauthTokenReply(state, body));
      return;
    }
    if (url.pathname === EVALUATION_LOG_PATH) {
      servePost(req, res, EVALUATION_LOG_PATH, MAX_EVALUATION_BODY_BYTES, (body) => state.auth.check(req, state.faults.tokenExpiredStatus) ?? evaluationLogReply(state, body));
      return;
    }
    req.resume();
    const refusal = rateLimit.refusal(state.faults, Date.now());
    if (refusal) {
      counters.rateLimited++;
      afterFaultLatency(res, () => send(res, refusal));
      return;
    }
    const eventsMatch = TRACKED_TARGET_EVENTS_PATH.exec(url.pathname);
    if (eventsMatch) serveTrackedTargetEvents(req, res, eventsMatch, url);
    else serveTargetReads(req, res, method, url);
  }

  const server = http.createServer(handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  let adding: NodeJS.Timeout | undefined;
  const addEvents = (userId: string, targetRuleId: string, count = 1): SampleEvent[] => state.lookups.addEvents(userId, targetRuleId, count, Date.now());

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= new Promise<void>((resolve) => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      // Resolve only once every open response has closed too, so that stats().inFlight reads 0 afterwards.
      const responsesClosed = [...openResponses].map((res) => new Promise<void>((done) => res.once('close', () => done())));
      const serverClosed = new Promise<void>((done) => server.close(() => done()));
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      void Promise.all([serverClosed, ...responsesClosed]).then(() => resolve());
    });
    return stopping;
  };

  return new Promise<SampleApi>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        setFaults(changes) {
          state.faults = { ...state.faults, ...changes };
        },
        resetFaults() {
          state.faults = defaultFaults(initialLatency);
        },
        stats: () => ({ ...counters }),
        resetStats() {
          counters.requests = 0;
          counters.eventsRequests = 0;
          counters.maxInFlight = counters.inFlight;
          counters.tokensIssued = 0;
          counters.rateLimited = 0;
        },
        requests,
        clearRequests() {
          requests.length = 0;
        },
        reset(this: SampleApi) {
          this.resetFaults();
          this.resetStats();
          this.clearRequests();
        },
        addLookup(userId, targetRuleId, events, enrolledOn) {
          state.lookups.put(preparedAddedLookup(userId, targetRuleId, events, enrolledOn));
        },
        addEvents,
        startAddingEvents({ userId, targetRuleId, everySeconds, perTick = 1 }) {
          addEvents(userId, targetRuleId, 0);
          clearInterval(adding);
          adding = setInterval(() => addEvents(userId, targetRuleId, perTick), everySeconds * 1000);
          timers.add(adding);
        },
        stopAddingEvents() {
          clearInterval(adding);
          if (adding) timers.delete(adding);
          adding = undefined;
        },
        expireTokens() {
          state.auth.expireTokens();
        },
        stop,
      });
    });
  });
}
