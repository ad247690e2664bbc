export { TrackingError } from './errors.ts';
export { appInstanceName } from './instance-name.ts';
export {
  isManagedBy,
  isSelfReferenced,
  type ManagedByOptions,
  readTrackingId,
  trackingIdFor,
  withTrackingId,
} from './managed.ts';
export {
  buildTrackingId,
  INSTALLATION_ID_ANNOTATION,
  parseTrackingId,
  TRACKING_ANNOTATION,
  type TrackingId,
} from './tracking-id.ts';
