// The webview's side of the message protocol: typed posting, and requests that resolve when the extension's
// reply with the same requestId arrives.
import type { EvaluationLogInfo } from '../../src/shared/explanation';
import { type ColumnWidths, type ExtensionToWebview, type LookupInfo, parseTablePanelState, type WebviewToExtension } from '../../src/shared/messages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  setState(state: unknown): void;
  getState(): unknown;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** Messages that ask the extension to do something and answer with a `reply`. */
export type RequestMessage =
  | { type: 'export'; format: 'csv' | 'json' }
  | { type: 'copyCurl' }
  | { type: 'openRawJson' }
  | { type: 'copy'; text: string };

export interface Reply {
  ok: boolean;
  message?: string;
}

type Push = Exclude<ExtensionToWebview, { type: 'reply' | 'evaluationLog' }>;

export class ExtensionClient {
  private readonly api: VsCodeApi = acquireVsCodeApi();
  private nextRequestId = 1;
  private readonly pending = new Map<number, (reply: Reply) => void>();
  private readonly pendingLogs = new Map<number, (log: EvaluationLogInfo) => void>();
  private lookup?: LookupInfo;
  /** Column widths of this panel, kept across reloads in the webview's own state. */
  private columnWidths: ColumnWidths = parseTablePanelState(this.api.getState())?.columnWidths ?? {};

  /** Starts listening; `onPush` gets every message that is not a reply to one of our requests. */
  constructor(onPush: (message: Push) => void) {
    window.addEventListener('message', (event: MessageEvent) => {
      const message = event.data as ExtensionToWebview | null;
      if (typeof message !== 'object' || message === null || typeof message.type !== 'string') return;
      if (message.type === 'reply') {
        const resolve = this.pending.get(message.requestId);
        if (!resolve) return;
        this.pending.delete(message.requestId);
        resolve({ ok: message.ok === true, message: message.message });
        return;
      }
      if (message.type === 'evaluationLog') {
        this.pendingLogs.get(message.requestId)?.(message.log);
        this.pendingLogs.delete(message.requestId);
        return;
      }
      if (message.type === 'state' || message.type === 'comparison') onPush(message);
    });
  }

  post(message: Extract<WebviewToExtension, { type: 'ready' | 'refresh' | 'cancel' | 'setCredentials' | 'rowsHeld' | 'rowsMissing' }>): void {
    this.api.postMessage(message);
  }

  request(message: RequestMessage): Promise<Reply> {
    const requestId = this.nextRequestId++;
    return new Promise((resolve) => {
      this.pending.set(requestId, resolve);
      const outgoing: WebviewToExtension = { ...message, requestId };
      this.api.postMessage(outgoing);
    });
  }

  /** Asks for Capillary's evaluation log of a bill; resolves with the extension's `evaluationLog` answer. */
  explainBill(billNumber: string): Promise<EvaluationLogInfo> {
    const requestId = this.nextRequestId++;
    return new Promise((resolve) => {
      this.pendingLogs.set(requestId, resolve);
      this.api.postMessage({ type: 'explainBill', requestId, billNumber } satisfies WebviewToExtension);
    });
  }

  /** The column widths persisted before a reload of this panel. */
  get savedColumnWidths(): ColumnWidths {
    return this.columnWidths;
  }

  saveLookup(lookup: LookupInfo): void {
    this.lookup = lookup;
    this.saveState();
  }

  saveColumnWidths(widths: ColumnWidths): void {
    this.columnWidths = widths;
    this.saveState();
  }

  /** Persists only what the panel needs after a reload: the lookup to re-fetch, and the column widths. */
  private saveState(): void {
    if (!this.lookup) return;
    const { userId, targetRuleId, periodId, profileName, host } = this.lookup;
    const lookup = periodId === undefined
      ? { userId, targetRuleId, profileName, host }
      : { userId, targetRuleId, periodId, profileName, host };
    this.api.setState(Object.keys(this.columnWidths).length > 0 ? { lookup, columnWidths: this.columnWidths } : { lookup });
  }
}
