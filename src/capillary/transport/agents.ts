// The keep-alive agents of a transport, made to report a response body cut off mid-way.
import type * as http from 'node:http';

/** The agent method every ClientRequest passes through (stable since early Node; absent from @types/node). */
interface AgentWithAddRequest {
  addRequest: (this: AgentWithAddRequest, request: http.ClientRequest, options: unknown) => void;
}

/**
 * node-fetch v2 never ends a body whose socket closed mid-way (it pipes the response without its errors), so
 * such a read would hang until the timeout. The agent sees every request: when its response closes
 * incomplete, the request reports the error, which node-fetch passes on to the body.
 */
export function watchCutBodies<T extends http.Agent>(agent: T): T {
  const target = agent as unknown as AgentWithAddRequest;
  const addRequest = target.addRequest;
  target.addRequest = function (this: AgentWithAddRequest, request, options) {
    request.once('response', (response: http.IncomingMessage) => {
      response.once('close', () => {
        if (response.complete || request.listenerCount('error') === 0) return;
        const cause = response.errored;
        const error = Object.assign(new Error(cause?.message ?? 'response closed before its end'), {
          code: errorCode(cause) ?? 'ECONNRESET',
        });
        request.emit('error', error);
      });
    });
    addRequest.call(this, request, options);
  };
  return agent;
}

export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, errno } = error as { code?: unknown; errno?: unknown };
  if (typeof code === 'string') return code;
  return typeof errno === 'string' ? errno : undefined;
}
