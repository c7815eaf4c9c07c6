/** A decode thread: decodes the frames of each message (up to FRAMES_PER_MESSAGE of what one turn of ingest's event loop read) and answers in their order. */
import { parentPort } from 'node:worker_threads';
import { decodeFrames, READY, type DecodeRequest } from './decode-frames.js';

if (!parentPort) throw new Error('frame-decoder/decode-thread.ts runs as a worker thread of ingest');
const port = parentPort;
port.on('message', (request: DecodeRequest) => {
  const decoded = decodeFrames(request);
  // The COPY lines' buffer is moved, not copied: the writer sends those bytes as they are.
  port.postMessage(decoded, [decoded.rowBytes.buffer as ArrayBuffer]);
});
// Loaded: ingest may start taking frames (see FrameDecoder.ready).
port.postMessage(READY);
