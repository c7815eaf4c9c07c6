/**
 * The answer extension in which the accounts subgraph tells the gateway what
 * a mutation did to credentials. The gateway acts on it (sets or clears the
 * session cookie, drops its cached lookups) and strips it: no client sees it.
 */
export const CREDENTIALS_EXTENSION = 'lifestoneCredentials';

/** What {@link CREDENTIALS_EXTENSION} carries. */
export interface CredentialsChange {
  /** A session opened (`signIn`): its token, for the cookie, and when it expires (ISO-8601); `null`: clear the cookie (`signOut`). */
  session?: { token: string; expiresAt: string } | null;
  /** A token was revoked, a session ended or a role changed: lookups cached from before are stale. */
  revoked?: boolean;
  /** The first admin changed the password generated for it: the file a gateway kept it in is to be deleted. */
  firstAdminPasswordReplaced?: boolean;
}
