import { DATA_ELEMENT_ID, MANIFESTS_ELEMENT_ID, PageData, ReportData } from './data';
import { PART_NAMES, pageScripts } from './bundle';
import { escapeHtml } from './escape';
import { PAGE_STYLE } from './style';

// JSON inside a script element: '<' escaped so no `</script>` in a name can end it.
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

// A script's text inside a script element: no `</script` in it may end the element.
const scriptText = (script: string) => script.replace(/<\/script/gi, '<\\/script');

/**
 * The report: one HTML file with its data, style and scripts inline; it loads nothing. What the
 * first drawing needs comes first; the manifests and the deferred parts (inert text the page runs
 * when first needed) follow the script, so the browser runs it before parsing them.
 */
export function reportHtml(data: ReportData): string {
  const scripts = pageScripts();
  const first: PageData = { ...data, versions: data.versions.map(({ label }) => ({ label })) };
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' blob:; worker-src blob:; style-src 'unsafe-inline'; img-src data: blob:">
<title>${escapeHtml(data.title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<div id="report" aria-busy="true"><p>Drawing the report…</p><noscript>This report needs JavaScript: it evaluates the policies in the page.</noscript></div>
<script type="application/json" id="${DATA_ELEMENT_ID}">${scriptJson(first)}</script>
<script id="netpol-script">${scriptText(scripts.main)}</script>
<script type="application/json" id="${MANIFESTS_ELEMENT_ID}">${scriptJson(data.versions.map(({ manifests }) => manifests))}</script>
${PART_NAMES.map((name) => `<script type="text/plain" id="netpol-part-${name}">${scriptText(scripts[name])}</script>`).join('\n')}
</body>
</html>
`;
}
