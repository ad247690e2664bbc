import type { FieldError } from '../field-error.ts';
import { child, index, invalid, notSupported, required } from './field-errors.ts';
import { jsonEqual, listAt, objAt, strAt } from './json.ts';
import type { KindAdmission } from './kind-admission.ts';
import { pathSegmentName } from './names.ts';

/** rbac/validation: names only need to be path segments; rules need verbs; roleRef is fixed once bound. */
export const roleAdmission: KindAdmission = {
  nameRule: pathSegmentName,
  validate(role) {
    const errs: FieldError[] = [];
    listAt(role, 'rules').forEach((rule, i) => {
      const at = index('rules', i);
      const verbs = Array.isArray(rule['verbs']) ? rule['verbs'] : [];
      if (verbs.length === 0) errs.push(required(child(at, 'verbs'), 'verbs must contain at least one value'));
      const urls = Array.isArray(rule['nonResourceURLs']) ? rule['nonResourceURLs'] : [];
      const resources = Array.isArray(rule['resources']) ? rule['resources'] : [];
      if (urls.length === 0 && (!Array.isArray(rule['apiGroups']) || rule['apiGroups'].length === 0)) {
        errs.push(required(child(at, 'apiGroups'), 'resource rules must supply at least one api group'));
      }
      if (urls.length === 0 && resources.length === 0) {
        errs.push(required(child(at, 'resources'), 'resource rules must supply at least one resource'));
      }
    });
    return errs;
  },
};

export const roleBindingAdmission: KindAdmission = {
  nameRule: pathSegmentName,
  validate(binding, ctx) {
    const errs: FieldError[] = [];
    const roleRef = objAt(binding, 'roleRef') ?? {};
    const clusterWide = binding.kind === 'ClusterRoleBinding';
    const kinds = clusterWide ? ['ClusterRole'] : ['ClusterRole', 'Role'];
    if (strAt(roleRef, 'apiGroup') !== 'rbac.authorization.k8s.io') {
      errs.push(notSupported('roleRef.apiGroup', strAt(roleRef, 'apiGroup') ?? '', ['rbac.authorization.k8s.io']));
    }
    const kind = strAt(roleRef, 'kind') ?? '';
    if (!kinds.includes(kind)) errs.push(notSupported('roleRef.kind', kind, kinds));
    const name = strAt(roleRef, 'name') ?? '';
    if (name === '') errs.push(required('roleRef.name'));
    else for (const msg of pathSegmentName(name, false)) errs.push(invalid('roleRef.name', name, msg));
    listAt(binding, 'subjects').forEach((subject, i) => {
      const at = index('subjects', i);
      const subjectKind = strAt(subject, 'kind') ?? '';
      if (!['Group', 'ServiceAccount', 'User'].includes(subjectKind)) {
        errs.push(notSupported(child(at, 'kind'), subjectKind, ['Group', 'ServiceAccount', 'User']));
      }
      if (!strAt(subject, 'name')) errs.push(required(child(at, 'name')));
    });
    const oldRef = objAt(ctx.old, 'roleRef');
    if (ctx.operation === 'UPDATE' && oldRef && !jsonEqual(oldRef, roleRef)) {
      errs.push(invalid('roleRef', roleRef, 'cannot change roleRef'));
    }
    return errs;
  },
};
