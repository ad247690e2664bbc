import type { Application } from '../../../reconciler/application/index.ts';
import { AppCliError } from './errors.ts';

export interface ResourceSelector {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  exclude: boolean;
}

/** --resource GROUP:KIND:NAME or GROUP:KIND:NAMESPACE/NAME, `!` to exclude, `*` as a wildcard (argocd's syntax). */
export function parseResourceSelectors(values: readonly string[]): ResourceSelector[] {
  return values.map((value) => {
    const exclude = value.startsWith('!');
    const fields = (exclude ? value.slice(1) : value).split(':');
    if (fields.length !== 3) {
      throw new AppCliError('BadInput', `Resource should have GROUP:KIND:NAME, but instead got: ${value}`);
    }
    const [group, kind, last] = fields as [string, string, string];
    const parts = last.split('/');
    if (parts.length > 2) {
      throw new AppCliError(
        'BadInput',
        `Resource with namespace should have GROUP:KIND:NAMESPACE/NAME, but instead got: ${value}`,
      );
    }
    const [namespace, name] = parts.length === 2 ? (parts as [string, string]) : ['', last];
    return { group, kind, namespace, name, exclude };
  });
}

function glob(pattern: string, value: string): boolean {
  if (pattern === '' || pattern === '*') return pattern === '*' || value === '' || pattern === value;
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return re.test(value);
}

/** IncludeResource: excluded by any matching `!` selector, else included by any include selector (or by none). */
export function includeResource(
  selectors: readonly ResourceSelector[],
  resource: { group: string; kind: string; namespace: string; name: string },
): boolean {
  const matches = (s: ResourceSelector) =>
    glob(s.group, resource.group) &&
    glob(s.kind, resource.kind) &&
    glob(s.name, resource.name) &&
    (s.namespace === '' || glob(s.namespace, resource.namespace));
  if (selectors.some((s) => s.exclude && matches(s))) return false;
  const includes = selectors.filter((s) => !s.exclude);
  return includes.length === 0 || includes.some(matches);
}

/** The app's resources the selectors pick, as the operation's `resources` list. */
export function selectedResources(app: Application, selectors: readonly ResourceSelector[]) {
  if (selectors.length === 0) return [];
  return (app.status?.resources ?? [])
    .map((r) => ({ group: r.group ?? '', kind: r.kind, namespace: r.namespace ?? '', name: r.name }))
    .filter((r) => includeResource(selectors, r));
}
