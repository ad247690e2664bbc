export { RepoError, type RepoErrorCode } from './errors.ts';
export { type CredentialsLookup, RepoCache, type RepoCacheOptions, type RepoCallOptions } from './repo-cache.ts';
export { isCommitSHA, isTruncatedCommitSHA } from './resolve.ts';
export { normalizeRepoURL, type RepoCredentials } from './url.ts';
