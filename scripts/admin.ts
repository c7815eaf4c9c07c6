/**
 * `npm run admin -- <command>`: account rescue at the console, for the
 * operator who can no longer sign in. It reaches the database `npm start`
 * uses (`DATABASE_URL`, else the embedded PostgreSQL in `LIFESTONE_DATA_DIR`,
 * whether `npm start` is running or not) and changes it directly.
 *
 *   reset-password <name>   a new generated password, printed once; the account's sessions end
 *   create-admin <name>     a new admin account with a generated password, printed once
 */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { setting } from '@lifestone/lib/config';
import { createPool, reachDatabase } from '@lifestone/lib/db';
import { createLogger } from '@lifestone/lib/log';
import { createAccount, FIRST_ADMIN_NAME, generatePassword, resetPassword } from '@lifestone/lib/auth';

const USAGE = `Usage: npm run admin -- <command> <account name>

Commands:
  reset-password <name>   give the account a new generated password (printed once) and end its sessions
  create-admin <name>     create an admin account with a generated password (printed once)

The database is DATABASE_URL's, else the embedded one in LIFESTONE_DATA_DIR (${setting('LIFESTONE_DATA_DIR')}).`;

/** A refusal the operator can act on: printed without a stack trace, exit code 1. */
class AdminError extends Error {}

async function run(command: string | undefined, name: string | undefined): Promise<string> {
  if (command === undefined || command === '--help' || command === 'help') throw new AdminError(USAGE);
  if (command !== 'reset-password' && command !== 'create-admin') throw new AdminError(`Unknown command ${JSON.stringify(command)}.\n\n${USAGE}`);
  if (!name) throw new AdminError(`${command} needs the account's name: npm run admin -- ${command} <name>`);
  if (name.length > 64 || name.trim() !== name) throw new AdminError('An account name has 1 to 64 characters, with no space at either end.');
  const dataDir = path.resolve(setting('LIFESTONE_DATA_DIR') as string);
  // Starting the embedded server here would create an empty database, with no account to rescue.
  if (!setting('DATABASE_URL') && !existsSync(path.join(dataDir, 'postgres', 'PG_VERSION'))) {
    throw new AdminError(`There is no Lifestone database in ${dataDir}. Run this where npm start runs (its LIFESTONE_DATA_DIR), or set DATABASE_URL.`);
  }
  // Warnings only: what the operator needs is the answer, not the database's start-up lines.
  const log = createLogger('admin', 'warn');
  const database = await reachDatabase(log);
  const pool = createPool(database.url, 'lifestone-admin', 2);
  try {
    if (command === 'reset-password') {
      const reset = await resetPassword(pool, name);
      if (!reset) {
        const { rows } = await pool.query<{ name: string }>('SELECT name FROM accounts ORDER BY name');
        throw new AdminError(`There is no account named ${JSON.stringify(name)}. Accounts: ${rows.map((row) => row.name).join(', ') || 'none'}.`);
      }
      // npm start kept the first admin's generated password in the data folder of its embedded database; once reset it would only mislead.
      const firstAdminFile = path.join(dataDir, 'first-admin-password');
      const staleFile = database.kind === 'embedded' && reset.account.name === FIRST_ADMIN_NAME && existsSync(firstAdminFile);
      if (staleFile) await rm(firstAdminFile);
      return [
        `New password for ${reset.account.name} (${reset.account.role}): ${reset.password}`,
        ...(staleFile ? [`Removed ${firstAdminFile}, which held the old password.`] : []),
        `It is shown once. ${reset.endedSessions === 1 ? '1 session was' : `${reset.endedSessions} sessions were`} ended; sign in with it, then change it (your name in the toolbar, Change password).`,
      ].join('\n');
    }
    const password = generatePassword();
    const created = await createAccount(pool, { name, password, role: 'admin' }).catch((error: Error) => {
      if (error.name === 'AccountExistsError') throw new AdminError(`An account named ${JSON.stringify(name)} already exists: npm run admin -- reset-password ${name}`);
      throw error;
    });
    return [`Created the admin ${created.name}, password: ${password}`, 'It is shown once: sign in with it, then change it (your name in the toolbar, Change password).'].join('\n');
  } finally {
    await pool.end();
    await database.stop();
  }
}

try {
  process.stdout.write(`${await run(process.argv[2], process.argv[3])}\n`);
} catch (error) {
  // The operator at the console gets a sentence, not a stack trace (the database unreachable, its password file gone...).
  process.stderr.write(error instanceof AdminError ? `${error.message}\n` : `npm run admin failed: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
