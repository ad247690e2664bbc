export { apiContextBinder, type Binder } from './binder.ts';
export { SchedulerError } from './errors.ts';
export { DEFAULT_SCHEDULER_NAME, type SchedulerOptions, type StartedScheduler, startScheduler } from './scheduler.ts';
