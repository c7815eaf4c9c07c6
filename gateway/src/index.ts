export { startGateway, type GatewayOptions, type RunningGateway, type SupergraphSource } from './gateway.js';
export { FIRST_ADMIN_PASSWORD_FILE, gatewaySettingsFromEnv } from './settings.js';
export { composeSupergraph, composeDocuments, subgraphSdlPath, CompositionError, SUPERGRAPH_FILE, type SubgraphUrls, type SubgraphService } from './compose.js';
export { queryLimitsFromEnv, type QueryLimits } from './plugins/limits.js';
export { DEFAULT_SUBSCRIPTION_LIMITS, type SubscriptionLimits } from './plugins/subscription-limits.js';
export { SESSION_COOKIE } from './auth/cookies.js';
