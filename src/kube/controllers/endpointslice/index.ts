export {
  type EndpointSliceControllerOptions,
  MANAGED_BY,
  MANAGED_BY_LABEL,
  SERVICE_NAME_LABEL,
  startEndpointSliceController,
} from './endpointslice-controller.ts';
