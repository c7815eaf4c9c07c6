/**
 * `npm run start:gateway`: the gateway alone, configured by the environment
 * (README, Configuration): `LIFESTONE_PORT`, `LIFESTONE_HOST`, the subgraphs'
 * `LIFESTONE_<NAME>_URL`, `LIFESTONE_INTERNAL_SECRET` and
 * `LIFESTONE_SESSION_SECRET` (both required), `LIFESTONE_ADMIN_PASSWORD`,
 * the query limits and `DATABASE_URL`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { secretForBanner } from '@lifestone/lib/config';
import { createPool, openDatabase } from '@lifestone/lib/db';
import { createLogger } from '@lifestone/lib/log';
import { announceReady, stopOnSignals } from '@lifestone/lib/process';
import { CompositionError } from './compose.js';
import { createMcpHttpHandler, createReadOnlySql } from '@lifestone/lib/agent';
import { startGateway } from './gateway.js';
import { gatewaySettingsFromEnv } from './settings.js';

/** Ends the process with a message for the person who started it, not a stack trace. */
function refuse(message: string): never {
  console.error(message);
  process.exit(2);
}

const settings = gatewaySettingsFromEnv();
const internalSecret =
  settings.internalSecret ?? refuse('LIFESTONE_INTERNAL_SECRET is not set: the gateway signs every subgraph request with it. Set it to the subgraphs\' value.');
const sessionSecret = settings.sessionSecret ?? refuse('LIFESTONE_SESSION_SECRET is not set: the gateway signs session cookies with it. Set it to a long random string.');

const log = createLogger('gateway');
const database = await openDatabase(log);
const pool = createPool(database.url, 'lifestone-gateway', undefined, { log });
const gateway = await startGateway({
  ...settings, internalSecret, sessionSecret, pool, log,
  // MCP at /mcp, its SQL tool as the read-only role.
  mcp: (graphqlUrl) => createMcpHttpHandler({ graphqlUrl, readOnlySql: createReadOnlySql({ pool }) }),
}).catch(async (error: unknown) => {
  await pool.end();
  await database.stop();
  if (error instanceof CompositionError) refuse(error.message);
  throw error;
});
if (gateway.firstAdmin?.generatedPassword) {
  // Off a terminal the password goes to a file only the operator reads, never into collected logs.
  const file = settings.firstAdminPasswordFile;
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${gateway.firstAdmin.generatedPassword}\n`, { mode: 0o600 });
  process.stdout.write(
    `\nCreated the first account: name ${gateway.firstAdmin.name}, password ${secretForBanner(gateway.firstAdmin.generatedPassword, file)}\n` +
      'Change it after signing in; set LIFESTONE_ADMIN_PASSWORD before the first start to choose it.\n\n',
  );
}
log.info({ url: gateway.url }, 'gateway ready');
announceReady('gateway', gateway.url);
stopOnSignals(log, async () => {
  await gateway.close();
  await pool.end();
  await database.stop();
});
