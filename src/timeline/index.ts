export { type Duration, formatDuration, parseDuration } from './duration.ts';
export { TimelineError, type TimelineErrorCode } from './errors.ts';
export type { TimelineComponent, TimelineEvent, TimelineSink } from './event.ts';
export { TimelineEventTypes } from './event.ts';
export { EventExpectation, type Expectation, Expectations, expect, Interval, type Reference } from './expect.ts';
export { describeEvent, formatEvent, formatSlice } from './format.ts';
export { field, imageMatches, type Matcher, matcher, subjectIs, where } from './matcher.ts';
export {
  action,
  appDegraded,
  appHealthy,
  appOutOfSync,
  appProgressing,
  appSynced,
  endpointsReady,
  gitPushed,
  imageUpdated,
  nodeNotReady,
  nodeReady,
  operationFailed,
  operationSucceeded,
  podFailed,
  podReady,
  probeFailure,
  probeVersion,
  rolloutComplete,
  rolloutStarted,
  tagPushed,
} from './matchers.ts';
export { type HttpTransportOptions, httpTransport } from './probe/http-transport.ts';
export { type Probe, type ProbeCounts, type ProbeOptions, startProbe } from './probe/probe.ts';
export { type SimulatedTransportOptions, simulatedTransport } from './probe/simulated-transport.ts';
export type { ProbeAnswer, ProbeTransport } from './probe/transport.ts';
export type { ClusterView } from './recorder/cluster-view.ts';
export type { GitWatchOptions } from './recorder/git-webhooks.ts';
export { type Recorder, type RecorderOptions, startRecorder } from './recorder/recorder.ts';
export type { RegistryWatchOptions } from './recorder/registry-poller.ts';
export {
  answeringVersion,
  atLeast,
  atMost,
  type Check,
  type Condition,
  equals,
  fold,
  probeFailures,
  readyEndpoints,
  replicasReady,
  type StateFold,
  state,
  valueAfter,
} from './state.ts';
export { type EventFilter, Timeline, type WaitForOptions } from './timeline.ts';
