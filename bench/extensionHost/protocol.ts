// What the extension-host bench module and its runner share (no `vscode` import: the runner is plain Node).
export const RESULT_PREFIX = 'CAPILLARY_BENCH_RESULT ';
export const BENCH_PROFILE = 'Bench sample';
/** The raw JSON editor's tab is labelled with the document's name, which starts with this. */
export const RAW_JSON_NAME_PREFIX = 'pages-user-';
/** Environment variable: events of the held lookup; 0 skips the heap figure. */
export const HEAP_EVENTS_ENV = 'CAPILLARY_BENCH_HEAP_EVENTS';

/** Environment variable: URL of the sample API for the first-rows figure (60 pages of 100 events, 150 ms each). */
export const PROGRESSIVE_API_ENV = 'CAPILLARY_BENCH_PROGRESSIVE_API';
/** Environment variable: the file the runner creates once it saw the table's last paint; the module waits for it. */
export const PROGRESSIVE_SEEN_ENV = 'CAPILLARY_BENCH_PROGRESSIVE_SEEN';
/** Printed by the module, with the epoch milliseconds, as it runs the lookup command: the runner then watches the table. */
export const PROGRESSIVE_START_PREFIX = 'CAPILLARY_BENCH_PROGRESSIVE_START ';
export const PROGRESSIVE_PROFILE = 'Bench progressive';

/** The lookup run from the command for the first-rows figure, as the extension host saw it. */
export interface ProgressiveLookup {
  /** Epoch milliseconds when the command was run and when the fetch ended. */
  commandEpochMs: number;
  fetchedEpochMs: number;
  events: number;
  pages: number;
  /** What the panel posted to its webview for the lookup: `state` messages, those with rows, their JSON size. */
  stateMessages: number;
  rowsMessages: number;
  postedBytes: number;
  /** The pages' bodies as received. */
  jsonBytes: number;
}

export interface ExtensionHostResults {
  wasActiveBefore: boolean;
  /** `await extension.activate()` from a cold start: loading dist/extension.js plus its activate(). */
  activateMs: number;
  /** Compiling and running dist/extension.js (its module body), as the extension host required it. */
  moduleLoadMs?: number;
  /** The extension's own activate() call. */
  activateCallMs?: number;
  /** CPU time (user + system) of the extension host during the module load and the activate() call. */
  moduleLoadCpuMs?: number;
  activateCallCpuMs?: number;
  /** Time the extension host's main thread waited for a CPU during the activate() call (Linux schedstat). */
  activateCallRunQueueMs?: number;
  /** Epoch milliseconds when activation had ended (requests the sample API saw before then came from it). */
  activatedEpochMs: number;
  /** File-system and network calls made from dist/extension.js while it activated. */
  activationIo: string[];
  heap?: { beforeBytes: number; afterBytes: number; growthBytes: number; events: number };
  progressive?: ProgressiveLookup;
  /** "Open raw JSON" of the held lookup, one entry per opening (each after closing every editor). */
  rawJsonOpens?: RawJsonOpen[];
}

export interface RawJsonOpen {
  /** Date.now() when the command ran: the browser's paint time is matched against it. */
  startedAt: number;
  /** The document's length in characters. */
  chars: number;
  /** The command's promise: the workbench has opened the editor on the document (`vscode.open` resolved). */
  openedMs: number;
  /** Until the editor is among this extension host's visible editors (its copy of the document has arrived). */
  visibleMs: number;
  /** CPU time (user + system) of the extension host from the command until the editor is visible. */
  cpuMs: number;
}
