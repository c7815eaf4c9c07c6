import { GraphErrorCode, graphError } from '@lifestone/lib/graph';
import { traceId as newTraceId } from '@lifestone/lib/log';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { getOperationAST, GraphQLError, Kind, parse, type DocumentNode } from 'graphql';
import type { CallerContext } from '../context.js';
import type { Authenticator } from './authenticate.js';
import type { ResponseCookies } from './cookies.js';

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

/**
 * Authenticates every operation before it is validated, over HTTP, SSE and
 * graphql-ws alike (a WebSocket's operations use the credentials of its
 * `connection_init`, so a revoked token starts nothing new). Refuses bad
 * credentials; lets anonymous callers run signIn and ask `me` and nothing else; answers
 * anonymous callers' invalid operations with one error that names nothing
 * of the schema (graphql-js's messages name its fields, types and
 * arguments, and suggest others); puts the
 * trace id in every error; adds the cookies resolvers queued to the response.
 */
export function useAuthentication(options: { authenticator: Authenticator; cookies: ResponseCookies }): GatewayPlugin {
  const { authenticator, cookies } = options;
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
        caller.identity = authentication.status === 'authenticated' ? authentication.identity : null;
        if (authentication.status === 'authenticated') caller.session = authentication.session;
        else caller.staleSession = authentication.staleSession;
      }
      if (caller.identity === null && !anonymousMayRun(params.query, params.operationName)) {
        setResult({ errors: [unauthenticated(caller.staleSession ? SESSION_ENDED : SIGN_IN_FIRST, caller.traceId)] });
      }
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
