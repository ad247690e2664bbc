#!/bin/sh
# Entrypoint of the version-server image: exits at once when built with CRASH=true, else serves its version with
# busybox httpd from a directory written at start (the image stays read-only).
set -eu
if [ "${CRASH:-false}" = "true" ]; then
  echo "version-server ${VERSION}: built with CRASH=true, exiting" >&2
  exit 1
fi
root="$(mktemp -d)"
printf 'version-server %s\n' "${VERSION}" >"${root}/index.html"
printf '%s\n' "${VERSION}" >"${root}/version"
printf 'ok\n' >"${root}/healthz"
echo "version-server ${VERSION} listening on :${PORT}"
exec httpd -f -v -p "${PORT}" -h "${root}"
