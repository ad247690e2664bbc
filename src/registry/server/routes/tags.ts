import { type Route, sendJson } from '../context.ts';
import { DistributionHttpError } from '../errors.ts';
import { paginate } from './pagination.ts';

/** GET /v2/<name>/tags/list[?n=&last=]. */
export const listTags: Route = async ({ res, url, name, repositories }) => {
  if (!(await repositories.exists(name))) throw new DistributionHttpError('NAME_UNKNOWN', { detail: { name } });
  const { page, headers } = paginate(await repositories.listTags(name), url);
  sendJson(res, 200, { name, tags: page }, headers);
};
