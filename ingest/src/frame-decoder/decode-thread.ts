/** A decode thread: decodes the frames of each message (up to FRAMES_PER_MESSAGE of what one turn of ingest's event loop read) and answers in their order. */
import { parentPort } from 'node:worker_threads';
import { decodeBatch, READY, type DecodeRequest } from './decode.js';

if (!parentPort) throw new Error('decode/worker.ts runs as a worker thread of ingest');
const port = parentPort;
port.on('message', (request: DecodeRequest) => {
  const reply = decodeBatch(request);
  port.postMessage(reply, [reply.rowBytes.buffer as ArrayBuffer]);
});
// Loaded: ingest may start taking frames (see FrameDecoder.ready).
port.postMessage(READY);
