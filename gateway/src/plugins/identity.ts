/**
 * The signed identity: every HTTP request to a subgraph carries its caller's
 * identity in `x-lifestone-identity`, signed for that request alone
 * (lib/graph/README.md, "The identity rule"): its method, its subgraph and
 * the exact bytes of its operation. Anonymous callers are signed as such:
 * the authentication plugin lets them reach the accounts subgraph only
 * (`signIn`, `me`), and other subgraphs refuse the anonymous identity.
 *
 * Over graphql-ws a socket's identity is signed by the ws transport
 * (transports.ts) at every (re)connection, which no runtime hook sees.
 */
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { anonymousIdentity, IDENTITY_HEADER, signIdentity } from '@lifestone/lib/graph';
import type { CallerContext } from '../context.js';

/**
 * Signs `body`, sent with `method` to `subgraph`, as the caller of `context`:
 * the value of `x-lifestone-identity`; undefined before authentication ran
 * or outside a subgraph request.
 */
export type RequestSigner = (context: Partial<CallerContext> | undefined, subgraph: string | undefined, method: string, body: string) => string | undefined;

/** The signer of requests to subgraphs, with `LIFESTONE_INTERNAL_SECRET`. Signatures use the real clock, as subgraphs check them. */
export function requestSigner(internalSecret: string): RequestSigner {
  return (context, subgraph, method, body) => {
    const identity = context?.identity === null ? anonymousIdentity(context.address) : context?.identity;
    return identity && subgraph ? signIdentity(identity, internalSecret, { use: 'http', subgraph, method, operation: body }) : undefined;
  };
}

/**
 * Puts the caller's signed identity on each subgraph request, once its body
 * is known (`onFetch`). Only a body of JSON text can be signed over; the
 * runtime posts nothing else, and a subgraph refuses a request without it.
 */
export function useSignedIdentity(sign: RequestSigner): GatewayPlugin {
  return {
    onFetch({ options, setOptions, context, executionRequest }) {
      if (typeof options.body !== 'string') return;
      const signature = sign(context as Partial<CallerContext>, executionRequest?.subgraphName, options.method ?? 'POST', options.body);
      if (signature) setOptions({ ...options, headers: { ...options.headers, [IDENTITY_HEADER]: signature } });
    },
  };
}
