import { readdir, readFile, readlink } from 'node:fs/promises';

/** Inodes of the TCP sockets this process listens on (from /proc: LISTEN is state 0A). */
export async function listeningSockets(): Promise<Set<string>> {
  const listening = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] === '0A') listening.add(fields[9]!);
    }
  }
  const own = new Set<string>();
  for (const fd of await readdir('/proc/self/fd')) {
    const target = await readlink(`/proc/self/fd/${fd}`).catch(() => '');
    const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
    if (inode && listening.has(inode)) own.add(inode);
  }
  return own;
}

/** Processes whose parent is this process (git, kubectl, helm children left running). */
export async function childProcesses(): Promise<string[]> {
  const children: string[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // Fields after the parenthesised command: state, ppid, …
    const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(afterName[1]) === process.pid) {
      const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (afterName[0] !== 'Z') children.push(`${entry} ${command}`);
    }
  }
  return children;
}
