/** The exact HTTP request, as `--dry-run` prints it: the token is always `***`. */
import type { RenderedRequest } from '../core/run-result.js';
import type { ApiRequest } from './plan-actions.js';
import { requestHeaders } from './request-headers.js';

export type { RenderedRequest };

export function renderRequest(
  request: ApiRequest,
  host: string,
  userAgent: string,
): RenderedRequest {
  return {
    method: request.method,
    url: `${host}${request.path}`,
    headers: requestHeaders('***', userAgent),
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
