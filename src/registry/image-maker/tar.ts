/** A minimal ustar writer: enough for an image layer of a few small files and directories. */
export interface TarEntry {
  path: string;
  /** Omit for a directory. */
  content?: Uint8Array;
  mode?: number;
  /** Seconds since the epoch. */
  mtime?: number;
}

const block = 512;

export function tar(entries: TarEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const entry of entries) {
    const content = entry.content ?? new Uint8Array();
    parts.push(header(entry, content.length), content, new Uint8Array(padding(content.length)));
  }
  parts.push(new Uint8Array(block * 2));
  return Buffer.concat(parts);
}

function header(entry: TarEntry, size: number): Uint8Array {
  const directory = entry.content === undefined;
  const name = directory && !entry.path.endsWith('/') ? `${entry.path}/` : entry.path;
  if (Buffer.byteLength(name) > 100) throw new RangeError(`tar path longer than 100 bytes: ${name}`);
  const buffer = Buffer.alloc(block);
  const field = (offset: number, length: number, value: string) => buffer.write(value, offset, length, 'utf8');
  const octal = (offset: number, length: number, value: number) =>
    field(offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
  field(0, 100, name);
  octal(100, 8, entry.mode ?? (directory ? 0o755 : 0o644));
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, directory ? 0 : size);
  octal(136, 12, entry.mtime ?? 0);
  field(148, 8, '        ');
  field(156, 1, directory ? '5' : '0');
  field(257, 6, 'ustar\0');
  field(263, 2, '00');
  field(265, 32, 'root');
  field(297, 32, 'root');
  let sum = 0;
  for (const byte of buffer) sum += byte;
  field(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return buffer;
}

function padding(size: number): number {
  return (block - (size % block)) % block;
}
