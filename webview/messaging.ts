// The webview's side of the message protocol: typed posting, and requests that resolve when the extension's
// reply with the same requestId arrives.
import type { ExtensionToWebview, TablePanelState, WebviewToExtension } from '../src/shared/messages';

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
  | { type: 'openRawJson' };

export interface Reply {
  ok: boolean;
  message?: string;
}

type Push = Exclude<ExtensionToWebview, { type: 'reply' }>;

export class ExtensionClient {
  private readonly api: VsCodeApi = acquireVsCodeApi();
  private nextRequestId = 1;
  private readonly pending = new Map<number, (reply: Reply) => void>();

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
      if (message.type === 'state' || message.type === 'comparison') onPush(message);
    });
  }

  post(message: Extract<WebviewToExtension, { type: 'ready' | 'refresh' | 'cancel' | 'setCredentials' }>): void {
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

  /** Persists only what the panel serializer needs to reopen the lookup. */
  saveState(state: TablePanelState): void {
    const { userId, targetRuleId, periodId, profileName, host } = state.lookup;
    const lookup = periodId === undefined
      ? { userId, targetRuleId, profileName, host }
      : { userId, targetRuleId, periodId, profileName, host };
    this.api.setState({ lookup });
  }
}
