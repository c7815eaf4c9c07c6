import { CREDENTIALS_EXTENSION, GraphErrorCode, graphError, type CredentialsChange } from '@lifestone/lib/graph';
import { traceId as newTraceId } from '@lifestone/lib/log';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { getOperationAST, GraphQLError, Kind, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { CallerContext } from '../context.js';
import type { Authenticator } from '../auth/authenticate.js';
import { clearedSessionCookie, ResponseCookies, sealSession, sessionCookie } from '../auth/cookies.js';

/** What an anonymous caller is told, for every operation but signIn. */
const SIGN_IN_FIRST =
  'Not signed in. Send an API token as `Authorization: Bearer <token>`, or sign in with ' +
  '`mutation { signIn(username: "...", password: "...") { name } }` to get a session cookie.';
const SESSION_ENDED = 'Your session has ended (expired or signed out): sign in again with `mutation { signIn(username: "...", password: "...") { name } }`.';

/**
 * The only root fields an anonymous caller may select, by operation: signing
 * in, and asking who it is (`me`, null), so that the dashboard's session probe
 * is answered 200 rather than refused.
 */
const ANONYMOUS_FIELDS: Readonly<Record<string, ReadonlySet<string>>> = {
  mutation: new Set(['signIn', '__typename']),
  query: new Set(['me', '__typename']),
};

/** The mutations that set or clear the session cookie, which a WebSocket cannot receive. */
const COOKIE_MUTATIONS = new Set(['signIn', 'signOut']);

export interface AuthenticationOptions {
  authenticator: Authenticator;
  /** Key of the session cookie's signature (`LIFESTONE_SESSION_SECRET`). */
  sessionSecret: string;
  /** Proxies in front of the gateway whose `X-Forwarded-For` entries are believed (`LIFESTONE_TRUSTED_PROXIES`). @default 0 */
  trustedProxies?: number;
  /** Called, before the answer goes out, when the accounts subgraph says the first admin replaced its generated password. */
  onFirstAdminPasswordReplaced?: () => Promise<void>;
}

/**
 * Authenticates every operation before it is validated, over HTTP, SSE and
 * graphql-ws alike (a WebSocket's operations use the credentials of its
 * `connection_init`, so a revoked token starts nothing new). Refuses bad
 * credentials; lets anonymous callers run signIn and ask `me` and nothing else; answers
 * anonymous callers' invalid operations with one error that names nothing
 * of the schema (graphql-js's messages name its fields, types and
 * arguments, and suggest others); puts the
 * trace id in every error. Turns what the accounts subgraph says a mutation
 * did to credentials (lib/graph's CREDENTIALS_EXTENSION, stripped from the
 * answer) into the session cookie and fresh lookups, and the first admin's
 * replaced password into the deletion of the file that kept it.
 */
export function useAuthentication(options: AuthenticationOptions): GatewayPlugin {
  const { authenticator, sessionSecret, trustedProxies = 0 } = options;
  const cookies = new ResponseCookies();
  return {
    async onParams({ request, params, context, setResult }) {
      const caller = context as unknown as CallerContext;
      caller.traceId ??= newTraceId();
      if (caller.identity === undefined) {
        const authentication = await authenticator.authenticate(
          caller.credentials ?? { authorization: request.headers.get('authorization'), cookie: request.headers.get('cookie') },
        );
        if (authentication.status === 'refused') {
          setResult({ errors: [unauthenticated(authentication.message, caller.traceId)] });
          return;
        }
        caller.address = addressOf(request, caller.req, trustedProxies);
        caller.identity = authentication.status === 'authenticated' ? { ...authentication.identity, address: caller.address } : null;
        if (authentication.status !== 'authenticated') caller.staleSession = authentication.staleSession;
      }
      if (caller.identity === null && !anonymousMayRun(params.query, params.operationName)) {
        setResult({ errors: [unauthenticated(caller.staleSession ? SESSION_ENDED : SIGN_IN_FIRST, caller.traceId)] });
        return;
      }
      if (caller.webSocket && params.query && [...COOKIE_MUTATIONS].some((field) => params.query?.includes(field))) {
        const field = cookieMutationOf(params.query, params.operationName);
        if (field) setResult({ errors: [graphError(GraphErrorCode.BAD_REQUEST, `${field} sets a cookie: send it over HTTP, not over a WebSocket.`, { traceId: caller.traceId })] });
      }
    },
    onFetch({ executionRequest, context }) {
      if (executionRequest?.subgraphName !== 'accounts' || executionRequest.operationType !== 'mutation') return;
      const request = (context as unknown as CallerContext).request;
      return async ({ response, setResponse }) => {
        const text = await response.text();
        const answer = JSON.parse(text) as { extensions?: Record<string, unknown> };
        const change = answer.extensions?.[CREDENTIALS_EXTENSION] as CredentialsChange | undefined;
        if (change) {
          if (change.revoked) authenticator.forget();
          if (change.firstAdminPasswordReplaced) await options.onFirstAdminPasswordReplaced?.();
          if (change.session) cookies.add(request, sessionCookie(sealSession(change.session.token, sessionSecret), new Date(change.session.expiresAt), isHttps(request)));
          else if (change.session === null) cookies.add(request, clearedSessionCookie(isHttps(request)));
          const { [CREDENTIALS_EXTENSION]: _change, ...extensions } = answer.extensions ?? {};
          answer.extensions = Object.keys(extensions).length > 0 ? extensions : undefined;
        }
        setResponse(new Response(change ? JSON.stringify(answer) : text, { status: response.status, headers: { 'content-type': 'application/json' } }));
      };
    },
    onValidate({ context }) {
      if ((context as unknown as CallerContext).identity) return undefined;
      return ({ result, setResult }) => {
        if (result.length > 0) setResult([ANONYMOUS_INVALID]);
      };
    },
    onExecutionResult({ result, setResult, context }) {
      const { traceId, webSocket } = context as unknown as CallerContext;
      if (!traceId || !result || Symbol.asyncIterator in result || !result.errors?.length) return;
      setResult({ ...result, errors: result.errors.map((error) => withTraceId(error, traceId, Boolean(webSocket))) });
    },
    onResponse({ request, response }) {
      for (const cookie of cookies.take(request)) response.headers.append('set-cookie', cookie);
    },
  };
}

/** `signIn` or `signOut` when the operation to run is a mutation selecting either. */
function cookieMutationOf(query: string, operationName: string | null | undefined): string | undefined {
  let operation: OperationDefinitionNode | null | undefined;
  try {
    operation = getOperationAST(parse(query, { noLocation: true }), operationName);
  } catch {
    return undefined;
  }
  if (operation?.operation !== 'mutation') return undefined;
  const field = operation.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD && COOKIE_MUTATIONS.has(selection.name.value));
  return field?.kind === Kind.FIELD ? field.name.value : undefined;
}

/**
 * Where the caller connects from: the socket's peer, or behind `trustedProxies`
 * proxies the `X-Forwarded-For` entry the first of them added (entries left
 * of it are whatever the client claimed).
 */
function addressOf(request: Request, req: CallerContext['req'], trustedProxies: number): string {
  const peer = req?.socket.remoteAddress ?? 'unknown';
  if (trustedProxies === 0) return peer;
  const forwarded = (request.headers.get('x-forwarded-for') ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
  return forwarded[forwarded.length - trustedProxies] ?? peer;
}

function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
}

/** Whether the operation to run is a mutation selecting signIn, or a query selecting me (each perhaps with __typename) only. */
function anonymousMayRun(query: string | undefined, operationName: string | null | undefined): boolean {
  if (!query) return false;
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: true });
  } catch {
    return false;
  }
  const operation = getOperationAST(document, operationName);
  const allowed = operation && ANONYMOUS_FIELDS[operation.operation];
  return Boolean(allowed && operation.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && allowed.has(selection.name.value)));
}

function unauthenticated(message: string, traceId: string): GraphQLError {
  return graphError(GraphErrorCode.UNAUTHENTICATED, message, { traceId, http: { status: 401 } });
}

/** The one validation error anonymous callers get, whatever was wrong. */
const ANONYMOUS_INVALID = new GraphQLError(
  'This operation is not valid. Without credentials only `mutation { signIn(username: "...", password: "...") { name role } }` and `{ me { name } }` are answered; sign in to see the schema.',
  { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
);

/**
 * The error with the trace id in its extensions. Over graphql-ws, yoga's
 * `extensions.http` (the status an HTTP response would have) goes too: HTTP
 * responses drop it when serialising, WebSocket messages would not.
 */
function withTraceId(error: GraphQLError, traceId: string, webSocket: boolean): GraphQLError {
  if (error.extensions?.traceId && !(webSocket && error.extensions.http)) return error;
  const { http: _http, ...extensions } = error.extensions ?? {};
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...(webSocket ? extensions : error.extensions), traceId },
  });
}
