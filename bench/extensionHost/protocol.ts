// What the extension-host bench module and its runner share (no `vscode` import: the runner is plain Node).
export const RESULT_PREFIX = 'CAPILLARY_BENCH_RESULT ';
export const BENCH_PROFILE = 'Bench sample';
/** The raw JSON editor's tab is labelled with the document's name, which starts with this. */
export const RAW_JSON_NAME_PREFIX = 'pages-user-';
/** Environment variable: events of the held lookup; 0 skips the heap figure. */
export const HEAP_EVENTS_ENV = 'CAPILLARY_BENCH_HEAP_EVENTS';

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
  /** File-system and network calls made from dist/extension.js while it activated. */
  activationIo: string[];
  heap?: { beforeBytes: number; afterBytes: number; growthBytes: number; events: number };
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
