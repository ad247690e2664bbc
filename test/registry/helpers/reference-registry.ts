import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa, execaSync } from 'execa';
import { freePort } from './free-port.ts';
import { tempDir } from './temp-dir.ts';

export interface ReferenceRegistry extends AsyncDisposable {
  /** `127.0.0.1:PORT` */
  url: string;
  close(): Promise<void>;
}

/**
 * Debian's `docker-registry` (distribution 2.8) on a free loopback port with filesystem storage in a temp dir,
 * optionally behind htpasswd basic auth (bcrypt hashes from the system's crypt(3) through perl).
 */
export async function startReferenceRegistry(
  options: { auth?: { username: string; password: string } } = {},
): Promise<ReferenceRegistry> {
  const dir = await tempDir('reference-registry-');
  const port = await freePort();
  const lines = [
    'version: 0.1',
    'log: { level: error, accesslog: { disabled: true } }',
    `storage: { filesystem: { rootdirectory: ${join(dir.path, 'data')} }, delete: { enabled: true } }`,
    `http: { addr: "127.0.0.1:${port}", secret: sandbox-test }`,
  ];
  if (options.auth) {
    const salt = '$2b$05$abcdefghijklmnopqrstuv';
    const hash = execaSync('perl', ['-e', 'print crypt($ARGV[0], $ARGV[1])', options.auth.password, salt]).stdout;
    await writeFile(join(dir.path, 'htpasswd'), `${options.auth.username}:${hash}\n`);
    lines.push(`auth: { htpasswd: { realm: reference, path: ${join(dir.path, 'htpasswd')} } }`);
  }
  const config = join(dir.path, 'config.yml');
  await writeFile(config, `${lines.join('\n')}\n`);
  const child = execa('/usr/bin/docker-registry', ['serve', config], { reject: false, stdio: 'ignore' });
  let exited = false;
  void child.finally(() => {
    exited = true;
  });
  const url = `127.0.0.1:${port}`;
  const close = async () => {
    child.kill('SIGTERM');
    await child;
    await dir[Symbol.asyncDispose]();
  };
  try {
    await waitUntilUp(url, () => exited);
  } catch (error) {
    await close();
    throw error;
  }
  return { url, close, [Symbol.asyncDispose]: close };
}

async function waitUntilUp(url: string, exited: () => boolean): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (exited()) throw new Error('docker-registry exited during start');
    try {
      await fetch(`http://${url}/v2/`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  throw new Error(`docker-registry did not answer on ${url} within 5 s`);
}
