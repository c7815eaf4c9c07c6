import type { IncomingMessage } from 'node:http';

/**
 * The URL a request asks for, or undefined when its target is none
 * (`GET http://[`), where `new URL` throws: thrown from a request or upgrade
 * listener, that would end the process.
 */
export function requestUrl(request: IncomingMessage): URL | undefined {
  try {
    return new URL(request.url ?? '/', 'http://service');
  } catch {
    return undefined;
  }
}
