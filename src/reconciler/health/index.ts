export {
  type AppHealth,
  type AppHealthOptions,
  appHealth,
  IGNORE_HEALTHCHECK_ANNOTATION,
  type ManagedResource,
} from './app-health.ts';
export { resourceHealth } from './resource-health.ts';
export { HEALTH_ORDER, type HealthStatus, type HealthStatusCode, isWorse } from './status.ts';
export { type HealthCheck, type HealthCheckOptions, healthCheckFor } from './table.ts';
