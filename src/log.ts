// The "Capillary" log channel: one line per HTTP request. Request records carry no credentials by construction
// (src/capillary builds them from method, path and status only).
import * as vscode from 'vscode';
import type { RequestRecord } from './capillary';

export class Log implements vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel('Capillary', { log: true });

  request(record: RequestRecord): void {
    const status = record.status === 'error' ? `failed (${record.error ?? 'network error'})` : String(record.status);
    const retry = record.attempt > 1 ? ` attempt ${record.attempt}` : '';
    const requestId = record.requestId ? ` X-Cap-Requestid=${record.requestId}` : '';
    const line = `${record.method} ${record.path} → ${status} in ${Math.round(record.durationMs)} ms${retry}${requestId}`;
    if (record.status === 'error' || record.status >= 400) this.channel.warn(line);
    else this.channel.info(line);
  }

  info(message: string): void {
    this.channel.info(message);
  }

  warn(message: string): void {
    this.channel.warn(message);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
