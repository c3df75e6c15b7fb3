import type { FastifyPluginAsync } from 'fastify';

type Operation = {
  summary?: string;
  tags?: string[];
  parameters?: Array<{
    name: string;
    in: string;
    required?: boolean;
    description?: string;
    schema?: { enum?: unknown[] };
  }>;
  responses?: Record<string, { description?: string }>;
};

const escape = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/**
 * `/api/openapi.json` and a plain, accessible docs page built from it (headings, tables, no script), so
 * the page can never disagree with the schemas the routes validate against.
 */
export const docsRoutes: FastifyPluginAsync = async (app) => {
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, () => app.swagger());

  app.get('/api/docs', { config: { access: 'public' }, schema: { hide: true } }, (_request, reply) => {
    const doc = app.swagger() as {
      info: { title: string; description?: string };
      paths: Record<string, Record<string, Operation>>;
    };
    const sections = Object.entries(doc.paths).flatMap(([route, methods]) =>
      Object.entries(methods).map(([method, op]) => {
        const params = (op.parameters ?? [])
          .map(
            (p) =>
              `<tr><th scope="row"><code>${escape(p.name)}</code></th><td>${escape(p.in)}</td><td>${p.required ? 'yes' : 'no'}</td><td>${escape(
                [p.description ?? '', p.schema?.enum ? `One of: ${p.schema.enum.join(', ')}.` : ''].join(' ').trim(),
              )}</td></tr>`,
          )
          .join('');
        const responses = Object.entries(op.responses ?? {})
          .map(([status, r]) => `<li><strong>${escape(status)}</strong> ${escape(r.description ?? '')}</li>`)
          .join('');
        return `<section><h2><code>${method.toUpperCase()} ${escape(route)}</code></h2>
<p>${escape(op.summary ?? '')}</p>
${params ? `<table><caption>Parameters</caption><thead><tr><th scope="col">Name</th><th scope="col">In</th><th scope="col">Required</th><th scope="col">About</th></tr></thead><tbody>${params}</tbody></table>` : '<p>No parameters.</p>'}
<h3>Responses</h3><ul>${responses}</ul></section>`;
      }),
    );
    const html = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(doc.info.title)}: routes</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem;line-height:1.5;color:#0b0c0c}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #505a5f;padding:.25rem .5rem;text-align:left;vertical-align:top}
code{font-size:1rem}a{color:#1d70b8}a:focus{outline:3px solid #fd0;background:#fd0;color:#0b0c0c}caption{text-align:left;font-weight:bold}</style></head>
<body><main><h1>${escape(doc.info.title)}</h1><p>${escape(doc.info.description ?? '')}</p>
<p>The machine-readable document is <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3). Every error is one envelope: <code>{"error":{"code","message","details"}}</code>.</p>
${sections.join('\n')}</main></body></html>`;
    return reply.type('text/html; charset=utf-8').send(html);
  });
};
