export { startGateway, type GatewayOptions, type RunningGateway, type SupergraphSource } from './gateway.js';
export { gatewaySettingsFromEnv } from './settings.js';
export { composeSupergraph, composeDocuments, subgraphSdlPath, CompositionError, SUPERGRAPH_FILE, type SubgraphUrls, type SubgraphService } from './compose.js';
export { queryLimitsFromEnv, type QueryLimits } from './plugins/limits.js';
export { DEFAULT_SUBSCRIPTION_LIMITS, type SubscriptionLimits } from './plugins/subscription-limits.js';
export {
  ensureFirstAdmin,
  createAccount,
  resetPassword,
  generatePassword,
  issueApiToken,
  revokeApiToken,
  FIRST_ADMIN_NAME,
  API_TOKEN_PREFIX,
  type Account,
  type FirstAdmin,
  type PasswordReset,
  type NewApiToken,
} from '@lifestone/subgraph-accounts';
export { SESSION_COOKIE } from './auth/cookies.js';
