import type { FastifyReply } from 'fastify';
import { escapeHtml } from '../features/notifications/message-layout.js';

export { escapeHtml };

/**
 * The few pages Tessera renders on the server (sign-in trouble, the demo's sign-in page) rather
 * than in the portal: self-contained HTML, styled inline (the CSP allows inline styles, never
 * inline scripts), with every value escaped by the caller through `escapeHtml`.
 */
export function htmlPage(title: string, bodyHtml: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} · Tessera</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f5f6f8;color:#1f2328;line-height:1.5}
main{max-width:44rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:1.4rem;margin:0 0 1rem}
a.button,button{display:inline-block;font:inherit;background:#0f6cbd;color:#fff;border:0;border-radius:4px;padding:.5rem 1rem;text-decoration:none;cursor:pointer}
code{background:#eef0f3;padding:0 .25rem;border-radius:3px}
</style>
</head>
<body><main>
${bodyHtml}
</main></body>
</html>
`;
}

/** Sends a rendered page; a page about signing in is never kept by a cache or a shared proxy. */
export function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.status(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}
