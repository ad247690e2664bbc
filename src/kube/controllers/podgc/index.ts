export {
  DEFAULT_TERMINATED_POD_THRESHOLD,
  GC_CHECK_PERIOD_MS,
  type PodGcOptions,
  QUARANTINE_MS,
  startPodGcController,
} from './podgc-controller.ts';
