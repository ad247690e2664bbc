import { branchRoutes } from './branches.ts';
import { commitRoutes } from './commits.ts';
import { contentRoutes } from './contents.ts';
import { hookRoutes } from './hooks.ts';
import { miscRoutes } from './misc.ts';
import { repoRoutes } from './repos.ts';
import type { Route } from './router.ts';
import { userRoutes } from './users.ts';

/** Every `/api/v1` endpoint the embedded server answers; the rest is a Gitea-style 404. */
export const apiRoutes: Route[] = [
  ...miscRoutes,
  ...userRoutes,
  ...repoRoutes,
  ...branchRoutes,
  ...contentRoutes,
  ...commitRoutes,
  ...hookRoutes,
];
