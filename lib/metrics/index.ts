export { createHubMetrics, hubMetrics, statusClass, type HubMetrics } from './hub-metrics';
