export { metricsAllowed } from './metrics-access.js';
export { requestUrl } from './request-url.js';
