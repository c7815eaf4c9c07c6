export { databaseCheck, healthReport, sendHealth, type DependencyStatus, type HealthReport } from './health.js';
export { listen, type Listening } from './listen.js';
export { metricsAllowed } from './metrics-access.js';
export { requestUrl } from './request-url.js';
export { guardUpgradeSocket } from './upgrade.js';
