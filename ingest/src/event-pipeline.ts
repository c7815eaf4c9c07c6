import { LIVE_TYPES, type AcceptedEvent } from './accepted-event.js';
import type { IngestMetrics } from './metrics.js';
import type { EventPublisher } from './publisher.js';
import type { UnstoredLedger } from './unstored-ledger.js';
import type { PluginLink, PluginRelay } from './relay.js';
import type { EventWriter } from './writer.js';

/** The plugin connection an event came from, as the pipeline sees it. */
export interface EventSource extends PluginLink {
  /** The characters it sent frames of: a clean close logs them out. */
  readonly characters: Set<string>;
}

/**
 * The accepted-event pipeline: where each event the frame decoder accepted
 * goes, in its connection's order. It is counted; its character joins its
 * connection's relay (commands, shared vitals); shared vitals are relayed to
 * the fellowship; an event of a live type is published at once (telemetry
 * feeding the positions feed too); and every event is queued for the writer,
 * which publishes the others once committed.
 */
export class AcceptedEventPipeline {
  // One labelled child per frame type, looked up once: the firehose counts every frame.
  private readonly accepted = new Map<string, ReturnType<IngestMetrics['framesAccepted']['labels']>>();

  constructor(
    private readonly stages: { metrics: IngestMetrics; relay: PluginRelay; publisher: EventPublisher; writer: EventWriter; ledger?: UnstoredLedger },
  ) {}

  /** Takes an event from `source`, or from a connection closed since (`undefined`): stored like any other, it joins nothing. */
  take(event: AcceptedEvent, source: EventSource | undefined): void {
    const { metrics, relay, publisher, writer, ledger } = this.stages;
    let counter = this.accepted.get(event.type);
    if (!counter) this.accepted.set(event.type, (counter = metrics.framesAccepted.labels(event.type)));
    counter.inc();
    if (source) {
      // A character joins its connection once (both forget it only when the connection closes): the firehose repeats it.
      if (!source.characters.has(event.character)) {
        source.characters.add(event.character);
        relay.addCharacter(source, event.character);
      }
      if (event.type === 'share_vitals') {
        publisher.relayed(relay.shareVitals(source, event.frame));
      }
    }
    if (LIVE_TYPES.has(event.type)) {
      ledger?.published();
      publisher.accepted(event);
    }
    writer.enqueue(event);
  }
}
