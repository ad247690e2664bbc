/** The page's only stylesheet, inlined: the report must open offline, from a CI artifact, with no network. */
export const HTML_STYLE = `
:root { color-scheme: light; --ok: #2f9e5a; --bad: #d93f3f; --ink: #1f2933; --muted: #52606d; --line: #d5dae0; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: var(--ink); background: #fafbfc; }
header, main { max-width: 1080px; margin: 0 auto; padding: 16px 24px; }
h1 { font-size: 22px; margin: 8px 0; }
h2 { font-size: 18px; margin: 0 0 6px; }
h3 { font-size: 14px; margin: 16px 0 6px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.summary { font-weight: 600; }
.summary.passed, .verdict.passed, .expectation.passed .sign, .step.passed .sign { color: var(--ok); }
.summary.failed, .verdict.failed, .expectation.failed .sign, .step.failed .sign, .error { color: var(--bad); }
nav ul { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: 4px 16px; }
nav a { color: inherit; }
.scenario { background: #fff; border: 1px solid var(--line); border-left: 6px solid var(--ok); border-radius: 6px; padding: 16px 20px; margin: 0 0 24px; }
.scenario.failed { border-left-color: var(--bad); }
.facts { display: flex; flex-wrap: wrap; gap: 4px 20px; margin: 0; color: var(--muted); }
.facts div { display: flex; gap: 6px; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
ul.expectations, ul.steps { list-style: none; padding: 0; margin: 0; }
.expectation, .step { padding: 3px 0; }
.sign { display: inline-block; width: 1.2em; font-weight: 700; }
.message { margin: 2px 0 0 1.2em; color: var(--muted); }
.expectation.failed .message { color: var(--bad); }
pre { margin: 6px 0 0 1.2em; padding: 8px 10px; background: #f4f6f8; border-radius: 4px; overflow-x: auto; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
figure { margin: 12px 0 0; overflow-x: auto; }
svg.swimlane { display: block; width: 100%; min-width: 720px; height: auto; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
figcaption { margin-top: 6px; color: var(--muted); font-size: 12px; display: flex; flex-wrap: wrap; gap: 4px 14px; }
.swatch { display: inline-block; width: 14px; height: 10px; border-radius: 2px; vertical-align: -1px; margin-right: 4px; }
details { margin-top: 12px; }
summary { cursor: pointer; color: var(--muted); }
table { border-collapse: collapse; margin-top: 6px; font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
th, td { text-align: left; padding: 2px 10px 2px 0; vertical-align: top; border-bottom: 1px solid #eef0f3; }
th { color: var(--muted); font-weight: 600; }
`;
