/**
 * Accounts, sessions, API tokens and the secrets behind them: what the
 * accounts subgraph serves and the gateway checks on every request. See
 * lib/auth/README.md.
 */
export {
  AccountExistsError,
  checkPassword,
  createAccount,
  deleteAccount,
  ensureFirstAdmin,
  FIRST_ADMIN_NAME,
  LastAdminError,
  listAccounts,
  MIN_PASSWORD_LENGTH,
  firstAdminPasswordChangeDue,
  passwordChangeDue,
  replacePassword,
  resetPassword,
  setAccountRole,
  type Account,
  type AccountRecord,
  type FirstAdmin,
  type PasswordReset,
} from './accounts.js';
export { generatePassword } from './passwords.js';
export { closeSession, openSession, sessionAccount, sessionId, SESSION_TTL_MS, type NewSession } from './sessions.js';
export { API_TOKEN_PREFIX, apiTokenIdentity, apiTokenOwner, issueApiToken, listApiTokens, OwnerGoneError, revokeApiToken, type ApiTokenRecord, type NewApiToken } from './tokens.js';
export { hmac, randomToken, safeEqual, sha256 } from './secrets.js';
