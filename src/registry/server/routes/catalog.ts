import { type Route, sendJson } from '../context.ts';
import { paginate } from './pagination.ts';

/** GET /v2/_catalog[?n=&last=]. */
export const listRepositories: Route = async ({ res, url, repositories }) => {
  const { page, headers } = paginate(await repositories.listRepositories(), url);
  sendJson(res, 200, { repositories: page }, headers);
};

/** GET /v2/: the API version check every client starts with. */
export const ping: Route = async ({ res }) => {
  sendJson(res, 200, {});
};
