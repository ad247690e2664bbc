export { type CronJobControllerOptions, startCronJobController } from './cronjob-controller.ts';
export { nextTime } from './next-time.ts';
export { parseSchedule, type Schedule, ScheduleError } from './schedule.ts';
export { type CronJob, SCHEDULED_TIMESTAMP_ANNOTATION } from './types.ts';
