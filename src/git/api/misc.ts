import { sendJson } from './respond.ts';
import type { Route } from './router.ts';

/** The Gitea version we answer as: the API generation gitea-js 1.23 was generated from. */
export const GITEA_VERSION = '1.23.1';

export const miscRoutes: Route[] = [
  [
    'GET',
    '/version',
    async ({ response }) => {
      sendJson(response, 200, { version: GITEA_VERSION });
    },
  ],
];
