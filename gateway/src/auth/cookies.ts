import { hmac, safeEqual } from '@lifestone/lib/auth';

/** The session cookie's name. */
export const SESSION_COOKIE = 'lifestone_session';

/** The value of cookie `name` in a `Cookie` header, if present. */
export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0 || pair.slice(0, separator).trim() !== name) continue;
    const value = pair.slice(separator + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The cookie value for a session token: `<token>.<HMAC-SHA256 of the token under LIFESTONE_SESSION_SECRET>`. */
export function sealSession(token: string, secret: string): string {
  return `${token}.${hmac(token, secret)}`;
}

/** The session token in a cookie value, if its signature holds. */
export function unsealSession(value: string, secret: string): string | undefined {
  const separator = value.lastIndexOf('.');
  if (separator <= 0) return undefined;
  const token = value.slice(0, separator);
  return safeEqual(value.slice(separator + 1), hmac(token, secret)) ? token : undefined;
}

/** `Set-Cookie` for a session: httpOnly, SameSite=Lax, Path=/, Secure when served over HTTPS. */
export function sessionCookie(sealed: string, expires: Date, secure: boolean): string {
  return cookieString(sealed, `Expires=${expires.toUTCString()}`, secure);
}

/** `Set-Cookie` that makes the browser drop the session cookie. */
export function clearedSessionCookie(secure: boolean): string {
  return cookieString('', 'Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0', secure);
}

/**
 * The `Set-Cookie` values resolvers queue for the response to a request (the
 * GraphQL context has the request, not the response); the auth plugin adds
 * them to the response.
 */
export class ResponseCookies {
  private readonly byRequest = new WeakMap<Request, string[]>();

  add(request: Request, cookie: string): void {
    const cookies = this.byRequest.get(request);
    if (cookies) cookies.push(cookie);
    else this.byRequest.set(request, [cookie]);
  }

  /** The cookies queued for `request`, forgetting them. */
  take(request: Request): readonly string[] {
    const cookies = this.byRequest.get(request) ?? [];
    this.byRequest.delete(request);
    return cookies;
  }
}

function cookieString(value: string, lifetime: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(value)}; Path=/; ${lifetime}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}
