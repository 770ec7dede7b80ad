import { DATA_ELEMENT_ID, ReportData } from './data';
import { pageScript } from './bundle';
import { PAGE_STYLE } from './style';

// JSON inside a script element: '<' escaped so no `</script>` in a name can end it.
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);

/** The report: one HTML file with its data, style and script inline; it loads nothing. */
export function reportHtml(data: ReportData): string {
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
<div id="report" aria-busy="true"><p>Evaluating the policies…</p><noscript>This report needs JavaScript: it evaluates the policies in the page.</noscript></div>
<script type="application/json" id="${DATA_ELEMENT_ID}">${scriptJson(data)}</script>
<script id="netpol-script">${pageScript().replace(/<\/script/gi, '<\\/script')}</script>
</body>
</html>
`;
}
