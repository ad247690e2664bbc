import { SandboxError } from '../../errors.ts';

/** A tracking id that does not have Argo CD's `<app>:<group>/<kind>:<namespace>/<name>` shape. */
export class TrackingError extends SandboxError {
  declare readonly code: 'TRACKING_ID_MALFORMED';

  constructor(message: string, options?: { cause?: unknown }) {
    super('TRACKING_ID_MALFORMED', message, options);
  }
}
