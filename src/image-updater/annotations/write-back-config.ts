import type { Application } from '../../reconciler/application/index.ts';
import { GIT_BRANCH, GIT_REPOSITORY, WRITE_BACK_METHOD, WRITE_BACK_TARGET } from './keys.ts';

/** Where credentials for git write-back come from. */
export type GitCredentialSource = { kind: 'repocreds' } | { kind: 'secret'; namespace: string; name: string };

/** The file a git write-back edits. */
export type WriteBackTarget =
  | { kind: 'source-override'; file: string }
  | { kind: 'kustomization'; dir: string }
  | { kind: 'helmvalues'; file: string };

export type WriteBackConfig =
  | { method: 'argocd' }
  | {
      method: 'git';
      credentials: GitCredentialSource;
      repoURL: string;
      /** Branch to check out; undefined means the remote's default branch. */
      baseBranch: string | undefined;
      /** Branch to push to (the same unless `git-branch` is `base:target`). */
      writeBranch: string | undefined;
      target: WriteBackTarget;
    };

/** Joins a path from the app's source path (or the repo root for a leading `/`), normalised, never escaping the repo. */
export function repoPath(sourcePath: string, relative: string): string {
  const start = relative.startsWith('/') ? [] : sourcePath.split('/');
  const parts: string[] = [];
  for (const part of [...start, ...relative.split('/')]) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/** `write-back-method`, `write-back-target`, `git-branch` and `git-repository`; throws a message naming the annotation. */
export function writeBackConfig(app: Application, fileName: string): WriteBackConfig {
  const annotations = app.metadata.annotations ?? {};
  const method = (annotations[WRITE_BACK_METHOD] ?? 'argocd').trim();
  if (method === 'argocd' || method === '') return { method: 'argocd' };
  const [kind, ...rest] = method.split(':');
  if (kind !== 'git') {
    throw new Error(
      `${WRITE_BACK_METHOD}: unknown method '${method}'; use argocd, git, git:repocreds or git:secret:<namespace>/<name>`,
    );
  }
  const credentialsText = rest.join(':') || 'repocreds';
  let credentials: GitCredentialSource;
  if (credentialsText === 'repocreds') credentials = { kind: 'repocreds' };
  else {
    const secret = /^secret:([^/]+)\/(.+)$/.exec(credentialsText);
    if (!secret) {
      throw new Error(
        `${WRITE_BACK_METHOD}: unknown credentials '${credentialsText}'; use git:repocreds or git:secret:<namespace>/<name>`,
      );
    }
    credentials = { kind: 'secret', namespace: secret[1]!, name: secret[2]! };
  }
  const source = app.spec.source;
  if (!source)
    throw new Error(`${WRITE_BACK_METHOD}: git write-back needs spec.source; multi-source apps are not supported`);
  const sourcePath = source.path ?? '';
  const targetText = (annotations[WRITE_BACK_TARGET] ?? '').trim();
  let target: WriteBackTarget;
  if (targetText === '') target = { kind: 'source-override', file: repoPath(sourcePath, fileName) };
  else if (targetText === 'kustomization' || targetText.startsWith('kustomization:')) {
    target = { kind: 'kustomization', dir: repoPath(sourcePath, targetText.slice('kustomization:'.length) || '.') };
  } else if (targetText === 'helmvalues' || targetText.startsWith('helmvalues:')) {
    target = {
      kind: 'helmvalues',
      file: repoPath(sourcePath, targetText.slice('helmvalues:'.length) || 'values.yaml'),
    };
  } else {
    throw new Error(
      `${WRITE_BACK_TARGET}: unknown target '${targetText}'; use kustomization[:<dir>] or helmvalues[:<file>]`,
    );
  }
  const branchText = annotations[GIT_BRANCH]?.trim();
  const revision = source.targetRevision && source.targetRevision !== 'HEAD' ? source.targetRevision : undefined;
  let baseBranch = revision;
  let writeBranch = revision;
  if (branchText) {
    const [base, write] = branchText.split(':');
    baseBranch = base || revision;
    writeBranch = write || baseBranch;
    if (write?.includes('{{')) {
      throw new Error(
        `${GIT_BRANCH}: branch templates ('${write}') are not supported by the sandbox; name the branch literally`,
      );
    }
  }
  return {
    method: 'git',
    credentials,
    repoURL: annotations[GIT_REPOSITORY]?.trim() || source.repoURL,
    baseBranch,
    writeBranch,
    target,
  };
}
