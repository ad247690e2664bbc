export { type StatefulSetControllerOptions, startStatefulSetController } from './statefulset-controller.ts';
export {
  type ControllerRevision,
  POD_INDEX_LABEL,
  POD_NAME_LABEL,
  REVISION_LABEL,
  type StatefulSet,
} from './types.ts';
