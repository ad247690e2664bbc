import type { KubeObject } from '../../kube/object.ts';

/**
 * Copies of two versions of a Secret with their values replaced by `+` runs, as Argo CD's `diff.HideSecretData`
 * does before showing a diff: equal values get equal masks, changed values different ones, so the diff still shows
 * which keys changed without printing any secret.
 */
export function hideSecretData(
  live: KubeObject | undefined,
  target: KubeObject | undefined,
): [KubeObject | undefined, KubeObject | undefined] {
  const liveData = values(live);
  const targetData = values(target);
  const keys = new Set([...Object.keys(liveData), ...Object.keys(targetData)]);
  const liveMasked: Record<string, string> = {};
  const targetMasked: Record<string, string> = {};
  for (const key of keys) {
    const changed = liveData[key] !== targetData[key];
    if (key in liveData) liveMasked[key] = '+'.repeat(8);
    if (key in targetData) targetMasked[key] = '+'.repeat(changed ? 9 : 8);
  }
  return [mask(live, liveMasked), mask(target, targetMasked)];
}

function values(secret: KubeObject | undefined): Record<string, string> {
  if (!secret) return {};
  return {
    ...(secret.data as Record<string, string> | undefined),
    ...encode(secret.stringData as Record<string, string> | undefined),
  };
}

function encode(data: Record<string, string> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
}

function mask(secret: KubeObject | undefined, data: Record<string, string>): KubeObject | undefined {
  if (!secret) return undefined;
  const { stringData: _stringData, ...rest } = secret;
  return Object.keys(data).length > 0 ? { ...rest, data } : rest;
}
