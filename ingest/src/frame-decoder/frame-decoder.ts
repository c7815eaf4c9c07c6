import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import Denque from 'denque';
import { traceId, type Logger } from '@lifestone/lib/log';
import type { FrameError } from '@lifestone/lib/protocol';
import type { AcceptedEvent } from '../accepted-event.js';
import { acceptedEventAt, decodeFrames, failedFrame, peekRef, READY, type DecodedFrames, type DecodeRequest } from './decode-frames.js';

/** What became of one frame: accepted, or refused with why. */
export type DecodeOutcome = { ok: true; event: AcceptedEvent } | { ok: false; error: FrameError };

export interface DecoderOptions<C> {
  /** Decode threads; 0 decodes each frame on the main thread as it arrives. */
  threads: number;
  log: Logger;
  /** Told of each frame, with the context it was given with, in the order frames of one lane were given. */
  onDecoded: (context: C, outcome: DecodeOutcome) => void;
  /** Frames given and not yet told at which `onBehind(true)`; `onBehind(false)` at half of it. */
  maxPending: number;
  onBehind: (behind: boolean) => void;
  /** The decode thread's script (tests give one that fails). @default decode-thread.mjs */
  workerUrl?: URL;
  /** @default FRAMES_PER_MESSAGE */
  framesPerMessage?: number;
  /** Whether a context's frames are protocol 2's, with a `seq` read beside the frame. @default none */
  sequenced?: (context: C) => boolean;
  /**
   * How long frames gather before they go to a thread (a thread's message
   * full goes at once); 0 sends what one turn of the event loop read. @default 0
   */
  gatherMs?: number;
}

const WORKER_URL = new URL('./decode-thread.mjs', import.meta.url);

/**
 * At most this many frames go to a thread in one message. What a message
 * holds stays alive until its reply is posted: small messages let their
 * garbage die young instead of being copied by every scavenge.
 */
export const FRAMES_PER_MESSAGE = 64;

/**
 * A frame of at least this many characters is heavy: of the protocol's
 * frames only a full inventory (36 kB for the simulator's median character,
 * 105 kB for a mule, against 0.4 kB for telemetry), which takes a decode
 * thread some milliseconds.
 */
export const HEAVY_FRAME_CHARS = 16_384;
/** Heavy frames go to a thread in messages of about this many characters (one frame at least)... */
export const HEAVY_MESSAGE_CHARS = 131_072;
/** ...and at most this many such messages are with a thread at once, so that its light frames wait behind no more. */
export const HEAVY_MESSAGES_IN_FLIGHT = 2;

/**
 * Frames sent to a thread together, given in one turn of the event loop (at
 * most FRAMES_PER_MESSAGE of them): each its text, or why it was refused
 * before decoding (it keeps its place among the others, so that a plugin
 * hears of its frames in its order).
 */
interface ThreadMessage<C> {
  contexts: C[]; receivedAt: Date[]; inputs: Array<string | FrameError>; sequenced: boolean[];
  /** It carries held frames (see DecodeThread.sendHeld). */
  heavy: boolean;
}

const emptyMessage = <C>(heavy = false): ThreadMessage<C> => ({ contexts: [], receivedAt: [], inputs: [], sequenced: [], heavy });

function append<C>(message: ThreadMessage<C>, context: C, input: string | FrameError, receivedAt: Date, sequenced: boolean): void {
  message.contexts.push(context);
  message.receivedAt.push(receivedAt);
  message.inputs.push(input);
  message.sequenced.push(sequenced);
}

/** What a thread is sent of a message: the texts to decode, none for the frames refused already. */
function requestOf(message: ThreadMessage<unknown>): DecodeRequest {
  return {
    texts: message.inputs.map((input) => (typeof input === 'string' ? input : null)),
    receivedAt: message.receivedAt.map((date) => date.getTime()),
    sequenced: message.sequenced,
  };
}

/**
 * The frame decoder: turns plugin frames into accepted events or refusals,
 * decoding them (decode-frames.ts) on worker threads, so that the main
 * thread keeps the sockets, the derived state and the writer. What one turn
 * of the event loop reads, or what `gatherMs` gathers, goes to a thread in
 * messages of up to FRAMES_PER_MESSAGE frames: a message costs both threads
 * about as much as the frames in it, so a fleet's frames trickling in one by
 * one are worth a few milliseconds' wait. The frames of one lane (ingest gives each
 * connection its own) go to one thread and come back in their order.
 *
 * Heavy frames (a login's full inventory: {@link HEAVY_FRAME_CHARS}) wait
 * here and go to their thread a few at a time ({@link HEAVY_MESSAGES_IN_FLIGHT}),
 * so that a fleet's logins do not queue seconds of decoding ahead of every
 * other lane's telemetry, chat and vitals, which are published as soon as
 * they are decoded. Until a lane's heavy frames have gone, its later frames
 * wait behind them, so that each lane's order holds.
 *
 * A thread that fails loses nothing: the frames it held, and every later one
 * of its lanes, are decoded on the main thread, and the failure is logged.
 */
export class FrameDecoder<C> {
  private readonly threads: DecodeThread<C>[];
  private waiting = 0;
  private behind = false;
  private scheduled = false;
  private idleWaiters: Array<() => void> = [];
  private readonly framesPerMessage: number;

  constructor(private readonly options: DecoderOptions<C>) {
    this.framesPerMessage = options.framesPerMessage ?? FRAMES_PER_MESSAGE;
    this.threads = Array.from({ length: options.threads }, (_, index) =>
      new DecodeThread(options.workerUrl ?? WORKER_URL, index, options.log, (message, decoded) => this.deliver(message, decoded)));
  }

  /**
   * Resolves once every thread has loaded (or failed, its frames decoded
   * here), or after `timeoutMs` in any case: a thread loads its code first,
   * and frames given before then wait for it.
   */
  async ready(timeoutMs = 30_000): Promise<void> {
    const waited = new AbortController();
    const timeout = sleep(timeoutMs, 'timeout' as const, { ref: false, signal: waited.signal }).catch(() => 'loaded' as const);
    const outcome = await Promise.race([Promise.all(this.threads.map((thread) => thread.loaded)), timeout]);
    waited.abort();
    if (outcome === 'timeout') this.options.log.warn({ timeoutMs }, 'a decode thread has not loaded yet; its frames wait for it');
  }

  /** Frames given and not yet told. */
  get pending(): number {
    return this.waiting;
  }

  /** Decodes `text`, received at `receivedAt`, and tells `onDecoded` with `context`. */
  decode(lane: number, context: C, text: string, receivedAt: Date): void {
    this.add(lane, context, text, receivedAt);
  }

  /** Tells `onDecoded` of a frame refused undecoded (too large, over the rate), after the lane's frames before it. */
  refuse(lane: number, context: C, error: FrameError, receivedAt: Date): void {
    this.add(lane, context, error, receivedAt);
  }

  private add(lane: number, context: C, input: string | FrameError, receivedAt: Date): void {
    const thread = this.threads[lane % this.threads.length];
    const sequenced = this.options.sequenced?.(context) ?? false;
    if (!thread || thread.failed) {
      const message = emptyMessage<C>();
      append(message, context, input, receivedAt, sequenced);
      this.deliver(message, decodeFrames(requestOf(message)), false);
      return;
    }
    this.waiting++;
    if ((typeof input === 'string' && input.length >= HEAVY_FRAME_CHARS) || thread.holds(lane)) {
      thread.hold({ lane, context, input, receivedAt, sequenced });
    } else {
      append(thread.queued, context, input, receivedAt, sequenced);
      if (thread.queued.inputs.length >= this.framesPerMessage) thread.send();
    }
    if (!this.behind && this.waiting >= this.options.maxPending) this.setBehind(true);
    if (this.scheduled) return;
    this.scheduled = true;
    const gatherMs = this.options.gatherMs ?? 0;
    if (gatherMs > 0) setTimeout(() => this.send(), gatherMs);
    else setImmediate(() => this.send());
  }

  /** Resolves once every frame given so far has been told to `onDecoded`. */
  async flush(): Promise<void> {
    this.send();
    if (this.waiting === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  /** Decodes what was given, then stops the threads. */
  async close(): Promise<void> {
    await this.flush();
    await Promise.all(this.threads.map((thread) => thread.stop()));
  }

  private send(): void {
    this.scheduled = false;
    for (const thread of this.threads) thread.send();
  }

  /** Tells the frames of a message; `counted`: they were counted as waiting for a thread. */
  private deliver(message: ThreadMessage<C>, decoded: DecodedFrames, counted = true): void {
    for (let i = 0; i < message.inputs.length; i++) {
      const outcome = decoded.outcomes[i] ?? (message.inputs[i] as FrameError);
      this.tell(message.contexts[i] as C, message.inputs[i] as string | FrameError, () => typeof outcome === 'string'
        ? { ok: true, event: acceptedEventAt(decoded, i, message.receivedAt[i] as Date, traceId) }
        : { ok: false, error: outcome });
    }
    if (!counted) return;
    this.waiting -= message.inputs.length;
    if (this.behind && this.waiting <= this.options.maxPending / 2) this.setBehind(false);
    if (this.waiting === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  /**
   * Tells `onDecoded` of one frame. Whatever fails on it, making its event or
   * handling it, is that frame's alone: it is refused (`FRAME_FAILED`) and
   * logged, and the frames after it are told as usual.
   */
  private tell(context: C, input: string | FrameError, outcome: () => DecodeOutcome): void {
    try {
      this.options.onDecoded(context, outcome());
    } catch (error) {
      const ref = typeof input === 'string' ? peekRef(input.slice(0, 1024)) : input.ref;
      this.options.log.error({ err: error, ref }, 'a decoded frame failed on the main thread; it was refused and not stored');
      try {
        this.options.onDecoded(context, { ok: false, error: failedFrame(error, ref) });
      } catch (refusalError) {
        this.options.log.error({ err: refusalError }, 'refusing a failed frame failed too');
      }
    }
  }

  private setBehind(behind: boolean): void {
    this.behind = behind;
    this.options.onBehind(behind);
  }
}

/** A frame held back until a message of heavy frames can go: its lane, and what its message needs. */
interface HeldFrame<C> { lane: number; context: C; input: string | FrameError; receivedAt: Date; sequenced: boolean }

/** One worker thread, the messages sent to it in order, what is queued for it this turn, and the heavy frames held back. */
class DecodeThread<C> {
  queued: ThreadMessage<C> = emptyMessage();
  failed = false;
  /** Heavy frames, and the frames of their lanes after them, in the order given. */
  private readonly held = new Denque<HeldFrame<C>>();
  /** Frames each lane has in `held`. */
  private readonly heldByLane = new Map<number, number>();
  /** Messages of held frames sent and not answered yet. */
  private heavyInFlight = 0;
  /** Resolves once the thread has loaded, or has failed. */
  readonly loaded: Promise<void>;
  private setLoaded: () => void = () => {};
  private readonly sent: ThreadMessage<C>[] = [];
  private readonly worker: Worker;
  private stopping = false;

  constructor(
    url: URL,
    index: number,
    private readonly log: Logger,
    private readonly deliver: (message: ThreadMessage<C>, decoded: DecodedFrames) => void,
  ) {
    this.worker = new Worker(url, { name: `lifestone-decode-${index}` });
    // Closing ingest stops it; it must not keep a process alive on its own.
    this.worker.unref();
    this.loaded = new Promise((resolve) => (this.setLoaded = resolve));
    this.worker.on('message', (decoded: DecodedFrames | typeof READY) => {
      if (decoded === READY) return this.setLoaded();
      const message = this.sent.shift();
      if (!message) return;
      if (message.heavy) {
        this.heavyInFlight--;
        this.sendHeld();
      }
      this.deliver(message, decoded);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => {
      if (!this.stopping) this.fail(new Error(`decode thread exited with code ${code}`));
    });
  }

  send(): void {
    if (this.failed || this.queued.inputs.length === 0) return;
    const message = this.queued;
    this.queued = emptyMessage();
    this.sent.push(message);
    this.worker.postMessage(requestOf(message));
  }

  /** Whether `lane` has frames held back: its next frames must follow them. */
  holds(lane: number): boolean {
    return this.heldByLane.has(lane);
  }

  /** Holds back a heavy frame, or a frame of a lane that has one held. */
  hold(frame: HeldFrame<C>): void {
    this.held.push(frame);
    this.heldByLane.set(frame.lane, (this.heldByLane.get(frame.lane) ?? 0) + 1);
    this.sendHeld();
  }

  /**
   * Sends held frames while fewer than HEAVY_MESSAGES_IN_FLIGHT messages of
   * them are with the thread: what is queued first (it was given before
   * them), then held frames in order, up to about HEAVY_MESSAGE_CHARS.
   */
  private sendHeld(): void {
    while (!this.failed && this.heavyInFlight < HEAVY_MESSAGES_IN_FLIGHT && !this.held.isEmpty()) {
      this.send();
      const message = emptyMessage<C>(true);
      let chars = 0;
      for (let frame = this.held.peekFront(); frame && message.inputs.length < FRAMES_PER_MESSAGE; frame = this.held.peekFront()) {
        const size = typeof frame.input === 'string' ? frame.input.length : 0;
        if (message.inputs.length > 0 && chars + size > HEAVY_MESSAGE_CHARS) break;
        this.held.shift();
        chars += size;
        const left = (this.heldByLane.get(frame.lane) ?? 1) - 1;
        if (left === 0) this.heldByLane.delete(frame.lane);
        else this.heldByLane.set(frame.lane, left);
        append(message, frame.context, frame.input, frame.receivedAt, frame.sequenced);
      }
      this.heavyInFlight++;
      this.sent.push(message);
      this.worker.postMessage(requestOf(message));
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.worker.terminate();
  }

  /** Decodes what the thread held here, in order; its lanes decode here from now on. */
  private fail(error: Error): void {
    if (this.failed) return;
    this.failed = true;
    this.setLoaded();
    const held = [...this.sent.splice(0), this.queued, this.takeHeld()];
    this.log.error({ err: error, frames: held.reduce((sum, message) => sum + message.inputs.length, 0) }, 'a decode thread failed; its frames are decoded on the main thread from now on');
    this.queued = emptyMessage();
    for (const message of held) this.deliver(message, decodeFrames(requestOf(message)));
    void this.worker.terminate();
  }

  /** Every held frame, as one message, leaving none held. */
  private takeHeld(): ThreadMessage<C> {
    const message = emptyMessage<C>();
    for (let frame = this.held.shift(); frame; frame = this.held.shift()) append(message, frame.context, frame.input, frame.receivedAt, frame.sequenced);
    this.heldByLane.clear();
    return message;
  }
}
