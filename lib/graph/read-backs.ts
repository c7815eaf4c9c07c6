/**
 * What this process read back from storage to fill gaps in the pubsub, for
 * a subgraph's `/metrics`: a feed of states (telemetry's `positions`) reads
 * the states stored during a gap back, several times until what was accepted
 * during it has surely been committed (subgraphs/telemetry/subscriptions.ts).
 */
const readBacks = { pending: 0, sent: 0 };

/** Read-backs scheduled and not yet done, and the values they sent since this process started. */
export function gapReadBacks(): Readonly<typeof readBacks> {
  return readBacks;
}

/** A read-back is scheduled; call the returned function once with the values it sent when it is done (or 0 when it failed or was not needed). */
export function gapReadBackScheduled(): (sent: number) => void {
  readBacks.pending += 1;
  let done = false;
  return (sent) => {
    if (done) return;
    done = true;
    readBacks.pending -= 1;
    readBacks.sent += sent;
  };
}
