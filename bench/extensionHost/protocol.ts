// What the extension-host bench module and its runner share (no `vscode` import: the runner is plain Node).
export const RESULT_PREFIX = 'CAPILLARY_BENCH_RESULT ';
export const BENCH_PROFILE = 'Bench sample';
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
}
