/**
 * How ingest turns frames into the rows it COPYs, for measurements beside
 * it: bench:ingest writes the same rows straight into PostgreSQL for its
 * COPY ceiling. Exported as `@lifestone/ingest/rows`, so that a process
 * running ingest compiled measures with the same code, not a second copy.
 */
export { FormattedFrame } from './frame-decoder/formatted-frame.js';
export { copyLines, copyRows, Json } from './store/copy.js';
export { appendRow, appendTableOf } from './store/events.js';
export type { IngestMetrics } from './metrics.js';
