/** The suitbuilder: the best suits from every character's items, searched exactly on a worker thread. */
export * from './types.js';
export { placementsOf, type Placement } from './slots.js';
export { parseCantrip, scoreOf, type ScoreParts } from './score.js';
export { checkLockedPieces, searchSuits, SuitQueryError, type SearchOptions } from './search.js';
export { answering } from './core-share.js';
export { SuitSearchThread, type RunOptions, type SearchThreadOptions } from './runner.js';
export { connectionOf, ownerAndId, SuitItemCache, suitItemKey, suitItemOf, type SuitItemSource } from './load.js';
