export * from './identity.js';
export type { SubgraphContext } from './context.js';
