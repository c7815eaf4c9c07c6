export { startGateway, type GatewayOptions, type RunningGateway, type SupergraphSource } from './gateway.js';
export { gatewaySettingsFromEnv } from './settings.js';
export { composeSupergraph, composeDocuments, subgraphSdlPath, CompositionError, SUPERGRAPH_FILE, type SubgraphUrls, type SubgraphService } from './compose.js';
export { queryLimitsFromEnv, type QueryLimits } from './limits.js';
export { ensureFirstAdmin, createAccount, resetPassword, FIRST_ADMIN_NAME, type Account, type FirstAdmin, type PasswordReset } from './auth/accounts.js';
export { generatePassword } from './auth/passwords.js';
export { issueApiToken, revokeApiToken, API_TOKEN_PREFIX, type NewApiToken } from './auth/tokens.js';
export { SESSION_COOKIE } from './auth/cookies.js';
