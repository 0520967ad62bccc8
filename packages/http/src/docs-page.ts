// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document read loosely, every field checked where used
type Json = Record<string, any>;

const esc = (s: unknown): string =>
  String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
// The OpenAPI texts use `code` spans and **bold**; nothing else needs rendering.
const inline = (s: unknown): string =>
  esc(s)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<b>$1</b>');

/** A strict policy for the one HTML page: inline styles, nothing loaded, nothing run. */
export const DOCS_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const param = (p: Json): string =>
  `<code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ', required' : ''})${p.description ? `: ${inline(p.description)}` : ''}`;

/** One operation: method and path, what it does, its parameters and its answers. */
function operation(path: string, method: string, op: Json): string {
  const params = ((op.parameters ?? []) as Json[]).map(param);
  const answers = Object.entries(op.responses as Json).map(
    ([status, r]) => `<code>${esc(status)}</code> ${inline((r as Json).description)}`,
  );
  const token = op.security?.length ? ' <small>token</small>' : '';
  return `<section><h3><span class="m">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code>${token}</h3>
<p>${inline(op.summary)}${op.description ? `<br>${inline(op.description)}` : ''}</p>
${params.length ? `<p>Parameters: ${params.join('; ')}</p>` : ''}<p>Answers: ${answers.join('; ')}</p></section>`;
}

/**
 * `/docs` with the web app built: Redoc (bundled by the web build, served from /assets, no CDN)
 * renders /openapi.json. Its styles are injected at run time and its search runs in a blob
 * worker, hence those two allowances; scripts still come from this origin only.
 */
export const REDOC_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
  "connect-src 'self'; worker-src blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The Redoc page; without scripts, the plain rendering below stands in. */
export function renderRedoc(doc: Json, script: string): string {
  const plain = renderDocs(doc);
  const body = plain.slice(plain.indexOf('<body>') + '<body>'.length, plain.lastIndexOf('</body>'));
  const style = /<style>[\s\S]*?<\/style>/.exec(plain)?.[0] ?? '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(doc.info.title)} ${esc(doc.info.version)}</title></head><body>
<redoc spec-url="/openapi.json" hide-loading></redoc>
<noscript>${style}${body}</noscript>
<script src="${esc(script)}"></script>
</body></html>
`;
}

/**
 * `/docs`: the OpenAPI document as one readable page (operations by tag, their parameters,
 * answers and problem codes), with `/openapi.json` linked for tools. No scripts, no network.
 */
export function renderDocs(doc: Json): string {
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(doc.paths as Json)) {
    for (const [method, op] of Object.entries(methods as Json)) {
      const tag = (op.tags as string[] | undefined)?.[0] ?? 'Other';
      byTag.set(tag, [...(byTag.get(tag) ?? []), operation(path, method, op)]);
    }
  }
  const intro = String(doc.info.description ?? '')
    .split(/\n\n+/)
    .map((p) => `<p>${inline(p)}</p>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(doc.info.title)} ${esc(doc.info.version)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#111}
code{background:#f3f4f6;padding:0 3px}section{border-top:1px solid #e5e7eb;padding:.3rem 0}
h3{font-size:15px;margin:.6rem 0 .2rem}.m{color:#2563eb}small{color:#6b7280}</style></head><body>
<h1>${esc(doc.info.title)} <small>${esc(doc.info.version)}</small></h1>
<p>The machine-readable contract: <a href="/openapi.json">/openapi.json</a> (OpenAPI ${esc(doc.openapi)}).</p>
${intro}
${[...byTag].map(([tag, ops]) => `<h2>${esc(tag)}</h2>\n${ops.join('\n')}`).join('\n')}
</body></html>
`;
}
