export { startEndpointsController } from './endpoints-controller.ts';
