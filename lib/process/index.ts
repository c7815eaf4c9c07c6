export { stopOnSignals } from './shutdown.js';
export { announceReady, isReadyMessage, type ReadyMessage } from './ready.js';
