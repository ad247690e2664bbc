export { type JobControllerOptions, startJobController } from './job-controller.ts';
export { JOB_TRACKING_FINALIZER, type Job } from './job-types.ts';
export { startTtlAfterFinishedController } from './ttl-after-finished.ts';
