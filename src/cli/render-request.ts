/** The exact HTTP request, as `--dry-run` prints it: the token is always `***`. */
import type { ApiRequest } from '../core/plan-actions.js';

export interface RenderedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

export function renderRequest(
  request: ApiRequest,
  host: string,
  userAgent: string,
): RenderedRequest {
  return {
    method: request.method,
    url: `${host}${request.path}`,
    // The headers send-once.ts sets, in its order; the HTTP client adds Host, Content-Length,
    // Accept-Encoding and Connection.
    headers: {
      'Circle-Token': '***',
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'User-Agent': userAgent,
    },
    ...(request.body === undefined ? {} : { body: request.body }),
  };
}

export function requestAsText(request: RenderedRequest): string {
  const head = [
    `${request.method} ${request.url}`,
    ...Object.entries(request.headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return request.body === undefined
    ? head.join('\n')
    : `${head.join('\n')}\n\n${JSON.stringify(request.body, null, 2)}`;
}
