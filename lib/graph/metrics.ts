/**
 * A subgraph's Prometheus metrics (`/metrics`): operations over HTTP and
 * subscriptions over graphql-ws, per operation, with their latency and
 * errors. An operation is named by its root fields (`character`,
 * `livePlayers+alerts`), which the schema bounds, rather than by the
 * operation name a caller chose.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { MAX_QUEUED, MAX_QUEUED_BUSY, subscriberOverflows } from './push-iterator.js';
import { subscriberCuts } from '../pubsub/errors.js';
import { gapReadBacks } from './read-backs.js';

export interface SubgraphMetrics {
  registry: Registry;
  /** Counts and times every HTTP operation Apollo runs. */
  plugin: ApolloServerPlugin;
  /** A graphql-ws subscription started (`operation` as {@link operationLabel} names it); call the returned function when it ends. */
  subscriptionStarted(operation: string): () => void;
  /** An operation refused or failed with this code. */
  error(operation: string, code: string): void;
  /** A graphql-ws connection closed for not answering a ping (keep-alive.ts). */
  unanswered(): void;
}

/** The root fields an operation asks for, sorted and joined with `+` (`anonymous` when none can be read). */
export function operationLabel(document: DocumentNode | undefined, operationName?: string | null): string {
  const operation = document?.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION && (!operationName || definition.name?.value === operationName),
  );
  const fields = operation?.selectionSet.selections.flatMap((selection) => (selection.kind === Kind.FIELD ? [selection.name.value] : [])) ?? [];
  return fields.length === 0 ? 'anonymous' : [...new Set(fields)].sort().join('+');
}

export function createSubgraphMetrics(subgraph: string): SubgraphMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ subgraph });
  collectDefaultMetrics({ register: registry, prefix: 'lifestone_subgraph_process_' });
  const operations = new Counter({
    name: 'lifestone_subgraph_operations_total',
    help: 'Operations run over HTTP, by type, root fields and outcome (ok or error).',
    labelNames: ['type', 'operation', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'lifestone_subgraph_operation_duration_seconds',
    help: 'Time to answer an operation over HTTP, by type and root fields.',
    labelNames: ['type', 'operation'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'lifestone_subgraph_errors_total',
    help: 'Errors in answers, by root fields and error code.',
    labelNames: ['operation', 'code'] as const,
    registers: [registry],
  });
  const subscriptions = new Gauge({
    name: 'lifestone_subgraph_subscriptions',
    help: 'graphql-ws subscriptions running, by root fields.',
    labelNames: ['operation'] as const,
    registers: [registry],
  });
  const unanswered = new Counter({
    name: 'lifestone_subgraph_websockets_unanswered_total',
    help: 'graphql-ws connections (the gateway\'s) closed with 1013 Try Again Later because they did not answer a ping within LIFESTONE_KEEP_ALIVE_MS: each read what it was sent up to the close, and its subscriptions ended with it.',
    registers: [registry],
  });
  const subscriptionsStarted = new Counter({
    name: 'lifestone_subgraph_subscriptions_started_total',
    help: 'graphql-ws subscriptions started, by root fields.',
    labelNames: ['operation'] as const,
    registers: [registry],
  });

  registerProcessFeedMetrics(registry);

  const error = (operation: string, code: string): void => errors.inc({ operation, code });
  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ document, operationName, operation, errors: failures }) {
          const label = operationLabel(document, operationName);
          const type = operation?.operation ?? 'unknown';
          for (const failure of failures ?? []) error(label, String(failure.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          operations.inc({ type, operation: label, outcome: failures?.length ? 'error' : 'ok' });
          duration.observe({ type, operation: label }, (performance.now() - started) / 1000);
        },
      };
    },
  };
  return {
    registry,
    plugin,
    error,
    unanswered: () => unanswered.inc(),
    subscriptionStarted(operation) {
      subscriptions.inc({ operation });
      subscriptionsStarted.inc({ operation });
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        subscriptions.dec({ operation });
      };
    },
  };
}

/**
 * What this process's live feeds did that a subscriber may notice, since it
 * started: subscribers ended or coalesced for not keeping up, feeds ended
 * for a gap in the pubsub, the gaps, and what positions read back after them.
 */
function registerProcessFeedMetrics(registry: Registry): void {
  new Counter({
    name: 'lifestone_subgraph_process_subscriptions_too_slow_total',
    help: `Subscriptions this process ended with SUBSCRIBER_TOO_SLOW because their subscriber (the gateway's connection) had more than ${MAX_QUEUED} values waiting and took none for LIFESTONE_SUBSCRIBER_STALL_MS (30 s by default), or more than ${MAX_QUEUED_BUSY} waiting; the subscriber is told, and subscribes again.`,
    registers: [registry],
    collect() {
      this.reset();
      this.inc(subscriberOverflows().tooSlow);
    },
  });
  new Counter({
    name: 'lifestone_subgraph_process_subscriptions_interrupted_total',
    help: 'Subscriptions to feeds of events (events, alerts, item changes, Mind\'s Eye) this process ended with LIVE_FEED_INTERRUPTED because the pubsub may have lost messages (the connection it hears them on was cut or lost): the subscriber is told, subscribes again and reads what it missed from storage.',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(subscriberOverflows().interrupted);
    },
  });
  new Counter({
    name: 'lifestone_pubsub_subscriber_cuts_total',
    help: 'Times the connection this process hears the pubsub on closed under it (Redis cuts a subscriber over its client-output-buffer-limit pubsub): live messages published until it resubscribed were lost to this process, whose feeds of events ended with LIVE_FEED_INTERRUPTED.',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(subscriberCuts());
    },
  });
  new Gauge({
    name: 'lifestone_subgraph_process_positions_read_backs_pending',
    help: 'Reads of the positions stored during a gap in the pubsub (a cut subscriber connection) still to come: each gap is read back several times over the minute after it, so that what ingest accepted during it reaches `positions` once committed.',
    registers: [registry],
    collect() {
      this.set(gapReadBacks().pending);
    },
  });
  new Counter({
    name: 'lifestone_subgraph_process_positions_read_back_total',
    help: 'Positions read back from storage for `positions` after a gap in the pubsub, each newer than the last one sent for its character: what the gap would otherwise have left stale.',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(gapReadBacks().sent);
    },
  });
  new Counter({
    name: 'lifestone_subgraph_process_subscription_values_coalesced_total',
    help: `Values of a feed of states (positions) folded into a later one because their subscriber had more than ${MAX_QUEUED} waiting: superseded, not lost.`,
    registers: [registry],
    collect() {
      this.reset();
      this.inc(subscriberOverflows().coalesced);
    },
  });
}
