/**
 * The application name written into tracking ids: the app's name when it lives in the control-plane namespace,
 * `<namespace>_<name>` for an app in any other namespace (Argo CD `Application.InstanceName`; `_` because the label
 * form of tracking cannot hold `/`).
 */
export function appInstanceName(app: { name: string; namespace: string }, controlPlaneNamespace: string): string {
  return app.namespace === '' || app.namespace === controlPlaneNamespace ? app.name : `${app.namespace}_${app.name}`;
}
