export { startDisruptionController } from './disruption-controller.ts';
