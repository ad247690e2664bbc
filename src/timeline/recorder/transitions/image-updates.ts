import type { KubeObject } from '../../../kube/object.ts';
import { at, type Draft, str } from './draft.ts';

/** The reason Argo CD Image Updater gives the Event it writes on an Application after changing its images. */
export const IMAGES_UPDATED = 'ImagesUpdated';
/** Our updater also names the write-back commit. */
export const COMMIT_ANNOTATION = 'gitops-sandbox.io/commit';

/**
 * `image-updater/update` events from core/v1 Events on Applications with reason ImagesUpdated: one per image, from
 * the annotations `argocd-image-updater.image-<i>/{image-name,full-image-name,old-tag,new-tag}`. Reported when the
 * Event appears or its count grows (the same Event repeated).
 */
export function imageUpdateTransitions(event: KubeObject | undefined, previous: KubeObject | undefined): Draft[] {
  if (!event || at(event, 'reason') !== IMAGES_UPDATED || at(event, 'involvedObject', 'kind') !== 'Application') {
    return [];
  }
  if (previous && Number(at(event, 'count') ?? 1) <= Number(at(previous, 'count') ?? 1)) return [];
  const annotations = event.metadata.annotations ?? {};
  const namespace = str(at(event, 'involvedObject', 'namespace')) ?? event.metadata.namespace ?? '';
  const application = `${namespace}/${str(at(event, 'involvedObject', 'name')) ?? ''}`;
  const commit = annotations[COMMIT_ANNOTATION];
  const drafts: Draft[] = [];
  for (let i = 0; ; i++) {
    const prefix = `argocd-image-updater.image-${i}/`;
    const name = annotations[`${prefix}image-name`];
    const full = annotations[`${prefix}full-image-name`];
    if (name === undefined && full === undefined) break;
    const image = full ?? name ?? '';
    const from = annotations[`${prefix}old-tag`] ?? '';
    const to = annotations[`${prefix}new-tag`] ?? '';
    drafts.push({
      component: 'image-updater',
      type: 'update',
      subject: application,
      message: `${image} ${from || '(none)'} → ${to}${commit ? ` in ${commit.slice(0, 7)}` : ''}`,
      data: { application, image, from, to, ...(commit ? { commit } : {}) },
    });
  }
  return drafts;
}
