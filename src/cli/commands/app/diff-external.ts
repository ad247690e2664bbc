import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { AppCliError } from './errors.ts';

/**
 * argo-cd `util/cli.PrintDiff`: writes the live YAML to `<tmp>/<name>-live.yaml` and the target YAML to
 * `<tmp>/<name>`, then runs `diff <live> <target>` — or the program in `$KUBECTL_EXTERNAL_DIFF`, split as a shell
 * would (`shlex.Split`) — and passes its output on. The program's exit status is not an error (diff exits 1 when the
 * files differ); only a program that cannot be started is.
 */
export async function externalDiff(options: {
  name: string;
  live: string;
  target: string;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}): Promise<{ stdout: string; stderr: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'argocd-diff'));
  try {
    const liveFile = join(dir, `${options.name}-live.yaml`);
    const targetFile = join(dir, options.name);
    await writeFile(liveFile, options.live);
    await writeFile(targetFile, options.target);
    const configured = (options.env ?? process.env)['KUBECTL_EXTERNAL_DIFF'];
    const [program, ...args] = configured ? shellSplit(configured) : ['diff'];
    if (!program) throw new AppCliError('BadInput', 'KUBECTL_EXTERNAL_DIFF is set but names no program');
    const result = await execa(program, [...args, liveFile, targetFile], {
      reject: false,
      stripFinalNewline: false,
      ...(options.signal ? { cancelSignal: options.signal } : {}),
    });
    if (result.failed && result.exitCode === undefined) {
      throw new AppCliError('BadInput', `running ${program}: ${result.shortMessage}`);
    }
    return { stdout: String(result.stdout), stderr: String(result.stderr) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Words as a POSIX shell splits them (google/shlex `Split`): blanks separate; '…', "…" and \ quote. */
export function shellSplit(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word = (word ?? '') + c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1]!)) word = (word ?? '') + text[++i]!;
      else word = (word ?? '') + c;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= '';
    } else if (c === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text[++i]!;
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (quote) throw new AppCliError('BadInput', `KUBECTL_EXTERNAL_DIFF: unterminated ${quote} quote`);
  if (word !== undefined) words.push(word);
  return words;
}
