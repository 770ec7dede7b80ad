/** The page's style sheet, inline in the HTML (no font is loaded: the system's fonts). */
export const PAGE_STYLE = `
:root{--all:#1a7f37;--some:#b35900;--none:#d0d7de;--added:#cf222e;--removed:#0969da;--fg:#1f2328;--muted:#59636e;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg)}
body{margin:0;padding:0 1rem 2rem}
header h1{font-size:1.3rem;margin:.8rem 0 .3rem;overflow-wrap:anywhere}
.meta,.banner li{overflow-wrap:anywhere}
.meta{color:var(--muted);margin:.2rem 0}
.banner{border:2px solid #bf8700;background:#fff8c5;padding:.5rem .8rem;margin:.5rem 0}
.summary{font-size:1.1rem;margin:.5rem 0}
.summary .added{color:var(--added);font-weight:600}.summary .removed{color:var(--removed);font-weight:600}
nav[role=tablist]{display:flex;flex-wrap:wrap;gap:.3rem;margin:.6rem 0;border-bottom:1px solid var(--none)}
nav button{border:1px solid var(--none);border-bottom:none;background:#f6f8fa;padding:.35rem .8rem;cursor:pointer;font:inherit}
nav button[aria-selected=true]{background:#fff;font-weight:600;position:relative;top:1px}
.layout{display:flex;gap:1rem;align-items:flex-start}
.views{flex:1 1 auto;min-width:0}
aside#explain{flex:0 0 24rem;max-width:24rem;border:1px solid var(--none);padding:.6rem;position:sticky;top:.5rem;max-height:90vh;overflow:auto}
aside pre{white-space:pre-wrap;font-size:.8rem}
@media (max-width:900px){.layout{flex-direction:column;align-items:stretch}aside#explain{flex:none;max-width:none;width:100%;box-sizing:border-box;position:static}}
.matrix-scroll{overflow:auto;max-height:75vh;max-width:100%}
table.matrix{border-collapse:collapse;font-size:.75rem}
table.matrix th{font-weight:normal;white-space:nowrap;padding:1px 4px;text-align:right;position:sticky;left:0;background:#fff;z-index:1}
table.matrix thead th{writing-mode:vertical-rl;transform:rotate(180deg);text-align:left;position:sticky;top:0;left:auto;height:auto;max-height:12rem}
table.matrix th button{font:inherit;border:none;background:none;cursor:pointer;padding:0;color:inherit}
table.matrix td{width:1.3rem;height:1.3rem;min-width:1.3rem;text-align:center;border:1px solid #fff;cursor:pointer;padding:0}
td.all{background:var(--all);color:#fff}td.some{background:var(--some);color:#fff}td.none{background:#f6f8fa;color:var(--muted)}td.na{background:#fff;cursor:default}
td.added{outline:3px solid var(--added);outline-offset:-3px}td.removed{outline:3px dashed var(--removed);outline-offset:-3px}td.changed{outline:3px double var(--added);outline-offset:-3px}
td:focus,td[aria-selected=true]{box-shadow:inset 0 0 0 2px #000}
.legend{display:flex;flex-wrap:wrap;gap:1rem;font-size:.8rem;margin:.4rem 0}
.legend span.swatch{display:inline-block;width:1rem;height:1rem;vertical-align:middle;margin-right:.25rem}
.filters{display:flex;flex-wrap:wrap;gap:.6rem;margin:.4rem 0}
.filters label{font-size:.85rem}
#graph{width:100%;height:70vh;border:1px solid var(--none)}
table.list{border-collapse:collapse;font-size:.85rem}
table.list td,table.list th{border-bottom:1px solid var(--none);padding:.2rem .5rem;text-align:left}
.pairs button{font:inherit;background:none;border:none;color:#0969da;cursor:pointer;text-align:left;padding:0}
`;
