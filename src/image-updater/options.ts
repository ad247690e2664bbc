import type { KubeConfig } from '@kubernetes/client-node';
import type { Clock, Random } from '../clock/index.ts';
import type { UpdaterLogEntry } from './log.ts';
import type { Credentials } from './registry/credentials.ts';
import type { RegistryConfig } from './registry/registry-config.ts';

export interface ImageUpdaterOptions {
  kubeconfig: KubeConfig;
  clock: Clock;
  random?: Random;
  /** Namespace whose Applications are watched (default `argocd`). */
  namespace?: string;
  /** Simulated ms between polls (default 120 000, the real tool's 2m); 0 never polls, only runOnce does. */
  interval?: number;
  registries: RegistryConfig[];
  /** Credentials for `write-back-method: git` / `git:repocreds` (the reconciler's repository credentials). */
  gitCredentials?: (repoURL: string) => Credentials | undefined | Promise<Credentials | undefined>;
  /** Working clones for git write-back live here. */
  workDir: string;
  log?: (entry: UpdaterLogEntry) => void;
  /** `git.commit-message-template` (default: the real tool's). */
  commitMessageTemplate?: string;
  /** Commit author (default `argocd-image-updater <noreply@argoproj.io>`). */
  gitAuthor?: { name: string; email: string };
  /** Applications updated at once (the real tool's --max-concurrency, default 10). */
  concurrency?: number;
  /** Aborting stops polling, as close() does. */
  signal?: AbortSignal;
}

/** One image moved to a new tag in one application. */
export interface ImageUpdate {
  alias?: string;
  image: string;
  oldTag: string;
  newTag: string;
}

export interface ApplicationUpdate {
  application: string;
  method: 'argocd' | 'git';
  images: ImageUpdate[];
  /** The pushed commit, for git write-back. */
  commit?: string;
}

/** What one polling cycle did, with the real tool's counters. */
export interface UpdateCycleResult {
  startedAt: number;
  durationMs: number;
  applicationsProcessed: number;
  imagesConsidered: number;
  imagesUpdated: number;
  imagesSkipped: number;
  errors: number;
  updates: ApplicationUpdate[];
}

export interface StartedImageUpdater extends AsyncDisposable {
  /** Runs one cycle now (after any cycle in progress) and resolves with what it did. */
  runOnce(): Promise<UpdateCycleResult>;
  close(): Promise<void>;
}
