import { type KubeObject, parseApiVersion } from '../../kube/object.ts';
import type { ResourceIgnoreDifferences } from '../application/types.ts';
import { normalize } from './normalize.ts';
import { hideSecretData } from './secret-data.ts';
import type { ResourceComparison } from './types.ts';
import { toYaml } from './yaml-diff.ts';

/**
 * The two YAML texts a resource's diff is taken between: normalized live and normalized predicted live (the
 * server-side dry run), Secret values masked as Argo CD masks them; '' for a side that does not exist. argo-cd
 * `findandPrintDiff` hands these to `cli.PrintDiff` as the `<name>-live.yaml` and `<name>` files.
 */
export function yamlSides(
  obj: KubeObject,
  live: KubeObject | undefined,
  predicted: KubeObject | undefined,
): { live: string; target: string } {
  const secret = obj.kind === 'Secret' && parseApiVersion(obj.apiVersion).group === '';
  const [a, b] = secret ? hideSecretData(live, predicted) : [live, predicted];
  return { live: toYaml(a), target: toYaml(b) };
}

/** `yamlSides` of a compared resource, normalized again from its raw live and predicted objects. */
export function diffSides(
  resource: Pick<ResourceComparison, 'target' | 'live' | 'predicted'>,
  ignoreDifferences?: ResourceIgnoreDifferences[],
): { live: string; target: string } {
  const obj = (resource.target ?? resource.live)!;
  const live = resource.live ? normalize(resource.live, { ignoreDifferences }) : undefined;
  const predicted =
    resource.target && resource.predicted
      ? normalize(resource.predicted, { ignoreDifferences, managedFieldsSource: resource.live })
      : undefined;
  return yamlSides(obj, live, predicted);
}
