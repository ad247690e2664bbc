import { ImageUpdaterError } from '../errors.ts';

/** The real tool's default (`git.commit-message-template` in argocd-image-updater-config). */
export const DEFAULT_COMMIT_TEMPLATE = `build: automatic update of {{ .AppName }}

{{ range .AppChanges -}}
updates image {{ .Image }} tag '{{ .OldTag }}' to '{{ .NewTag }}'
{{ end -}}
`;

/** The default commit author, as the real tool's `git.user` / `git.email` defaults. */
export const DEFAULT_AUTHOR = { name: 'argocd-image-updater', email: 'noreply@argoproj.io' };

export interface CommitMessageData {
  AppName: string;
  AppChanges: { Image: string; OldTag: string; NewTag: string }[];
}

type Node = { text: string } | { field: string } | { range: string; body: Node[] };

/**
 * The subset of Go's text/template the real tool's commit templates use: `{{ .Field }}`, `{{ range .List }}…
 * {{ end }}` and the `{{-` / `-}}` whitespace trimming. Parsed once so a bad template fails at start-up.
 */
export class CommitMessageTemplate {
  readonly #nodes: Node[];

  constructor(template: string) {
    this.#nodes = parse(template);
  }

  render(data: CommitMessageData): string {
    return render(this.#nodes, data as unknown as Record<string, unknown>);
  }
}

function parse(template: string): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  const pattern = /\{\{(-?)\s*(.*?)\s*(-?)\}\}/gs;
  let last = 0;
  let trimNext = false;
  for (const match of template.matchAll(pattern)) {
    let text = template.slice(last, match.index);
    if (trimNext) text = text.replace(/^\s+/, '');
    if (match[1] === '-') text = text.replace(/\s+$/, '');
    if (text) stack.at(-1)!.push({ text });
    trimNext = match[3] === '-';
    last = match.index + match[0].length;
    const action = match[2]!;
    const range = /^range\s+\.(\w+)$/.exec(action);
    if (range) {
      const node = { range: range[1]!, body: [] as Node[] };
      stack.at(-1)!.push(node);
      stack.push(node.body);
    } else if (action === 'end') {
      if (stack.length === 1) throw invalid(template, "'{{ end }}' without '{{ range }}'");
      stack.pop();
    } else if (/^\.\w+$/.test(action)) {
      stack.at(-1)!.push({ field: action.slice(1) });
    } else {
      throw invalid(
        template,
        `unsupported action '{{ ${action} }}'; use .AppName, range .AppChanges and .Image/.OldTag/.NewTag`,
      );
    }
  }
  if (stack.length > 1) throw invalid(template, "'{{ range }}' without '{{ end }}'");
  let tail = template.slice(last);
  if (trimNext) tail = tail.replace(/^\s+/, '');
  if (tail) root.push({ text: tail });
  return root;
}

function render(nodes: Node[], dot: Record<string, unknown>): string {
  let out = '';
  for (const node of nodes) {
    if ('text' in node) out += node.text;
    else if ('field' in node) out += String(dot[node.field] ?? '<no value>');
    else {
      const list = dot[node.range];
      if (Array.isArray(list)) for (const item of list) out += render(node.body, item as Record<string, unknown>);
    }
  }
  return out;
}

function invalid(template: string, why: string): ImageUpdaterError {
  return new ImageUpdaterError(
    'InvalidCommitTemplate',
    `commit message template ${JSON.stringify(template.slice(0, 60))}: ${why}`,
  );
}
