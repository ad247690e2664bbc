export { type ManifestsErrorCode, ReconcilerManifestsError } from './errors.ts';
export { INSTALL_FIELD_MANAGER, type InstallOptions, installReconcilerManifests } from './install.ts';
export { type LoadManifestsOptions, loadReconcilerManifests, RECONCILER_MANIFESTS_DIR } from './load.ts';
