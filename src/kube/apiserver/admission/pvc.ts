import type { FieldError } from '../field-error.ts';
import { index, key, notSupported, required } from './field-errors.ts';
import { ensure, objAt, setDefaultString } from './json.ts';
import type { KindAdmission } from './kind-admission.ts';

const accessModes = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

/** SetDefaults_PersistentVolumeClaim(Spec) and ValidatePersistentVolumeClaimSpec. Updates are not restricted. */
export const pvcAdmission: KindAdmission = {
  default(pvc) {
    setDefaultString(ensure(pvc, 'spec'), 'volumeMode', 'Filesystem');
    setDefaultString(ensure(pvc, 'status'), 'phase', 'Pending');
  },
  validate(pvc) {
    const spec = objAt(pvc, 'spec') ?? {};
    const errs: FieldError[] = [];
    const modes = Array.isArray(spec['accessModes']) ? (spec['accessModes'] as unknown[]) : [];
    if (modes.length === 0) errs.push(required('spec.accessModes', 'at least 1 access mode is required'));
    modes.forEach((mode, i) => {
      if (!accessModes.includes(String(mode))) errs.push(notSupported(index('spec.accessModes', i), mode, accessModes));
    });
    const volumeMode = spec['volumeMode'];
    if (volumeMode !== undefined && volumeMode !== 'Block' && volumeMode !== 'Filesystem') {
      errs.push(notSupported('spec.volumeMode', volumeMode, ['Block', 'Filesystem']));
    }
    const requests = objAt(objAt(spec, 'resources'), 'requests');
    if (!spec['dataSource'] && !spec['dataSourceRef'] && requests?.['storage'] === undefined) {
      errs.push(required(key('spec.resources', 'storage')));
    }
    return errs;
  },
};
