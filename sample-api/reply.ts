// What an endpoint answers (status, body, headers) and how it is written, the error envelope Capillary uses, and
// the checks of path and query parameters every endpoint shares.

import type * as http from 'node:http';
import { DIGITS, isLong } from './numbers';

export interface Reply {
  status: number;
  body: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

export const ERROR_MESSAGES: Readonly<Record<number, string>> = {
  310019: 'Target period not found',
  310018: 'Target rule not found',
  310011: 'Invalid userId',
  310149: 'No record found in user target for given UserId and TargetId',
  320001: 'Invalid client key and secret',
  4000: 'Not authorized',
  4001: 'Authorization status unavailable',
};

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export function envelopeError(status: number, code: number, message: string): Reply {
  return { status, body: JSON.stringify({ data: null, errors: [{ code, message }], warnings: [] }) };
}

export function replyBytes(reply: Reply): Buffer {
  return typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
}

export function writeReply(res: http.ServerResponse, reply: Reply, requestId: string): void {
  const body = replyBytes(reply);
  res.writeHead(reply.status, {
    'Content-Type': reply.contentType ?? JSON_CONTENT_TYPE,
    'Content-Length': body.length,
    'X-Cap-Requestid': requestId,
    ...reply.headers,
  });
  res.end(body);
}

export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

export function parseLongParam(name: string, value: string | null, required: boolean): { value?: string; error?: Reply } {
  if (value === null || (value === '' && !required)) {
    return required ? { error: envelopeError(400, 400, `${name} is required`) } : {};
  }
  if (!isLong(value)) {
    return { error: envelopeError(400, 400, `${name} must be a positive integer of at most 19 digits, got ${JSON.stringify(value)}`) };
  }
  return { value };
}

export function parseIntParam(name: string, value: string | null, fallback: number, min: number, max: number): { value: number; error?: Reply } {
  if (value === null) return { value: fallback };
  const number = DIGITS.test(value) && value.length <= 10 ? Number(value) : NaN;
  if (!(number >= min && number <= max)) {
    return { value: fallback, error: envelopeError(400, 400, `${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`) };
  }
  return { value: number };
}
