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
.matrix-scroll{overflow:auto;max-height:75vh;max-width:100%;overflow-anchor:none}
.matrix{position:relative;font-size:.75rem}
.matrix [role=row]{position:absolute;left:0;display:flex;width:100%;height:var(--cell)}
.matrix [role=row]>*{flex:none}
.matrix .column-headers{position:sticky;top:0;z-index:2;height:var(--column-header);background:#fff}
.matrix [role=rowheader],.matrix .corner{position:sticky;left:0;z-index:1;box-sizing:border-box;width:var(--row-header);height:100%;padding:0 4px;text-align:right;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;line-height:var(--cell);background:#fff}
.matrix .corner{display:flex;align-items:flex-end;justify-content:flex-end}
.matrix [role=columnheader]:not(.corner){box-sizing:border-box;width:var(--cell);height:100%;padding:4px 0;writing-mode:vertical-rl;transform:rotate(180deg);text-align:left;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;line-height:var(--cell)}
.matrix button{font:inherit;border:none;background:none;cursor:pointer;padding:0;color:inherit}
.matrix [role=gridcell]{box-sizing:border-box;width:var(--cell);height:var(--cell);line-height:calc(var(--cell) - 2px);text-align:center;border:1px solid #fff;cursor:pointer}
.matrix .all{background:var(--all);color:#fff}.matrix .some{background:var(--some);color:#fff}.matrix .none{background:#f6f8fa;color:var(--muted)}.matrix .na{background:#fff;cursor:default}
.matrix .added{outline:3px solid var(--added);outline-offset:-3px}.matrix .removed{outline:3px dashed var(--removed);outline-offset:-3px}.matrix .changed{outline:3px double var(--added);outline-offset:-3px}
.matrix [role=gridcell]:focus,.matrix [aria-selected=true]{box-shadow:inset 0 0 0 2px #000}
.legend{display:flex;flex-wrap:wrap;gap:1rem;font-size:.8rem;margin:.4rem 0}
.legend span.swatch{display:inline-block;width:1rem;height:1rem;vertical-align:middle;margin-right:.25rem}
.filters{display:flex;flex-wrap:wrap;gap:.6rem;margin:.4rem 0}
.filters label{font-size:.85rem}
#graph{width:100%;height:70vh;border:1px solid var(--none)}
table.list{border-collapse:collapse;font-size:.85rem}
table.list td,table.list th{border-bottom:1px solid var(--none);padding:.2rem .5rem;text-align:left}
.pairs button{font:inherit;background:none;border:none;color:#0969da;cursor:pointer;text-align:left;padding:0}
`;
