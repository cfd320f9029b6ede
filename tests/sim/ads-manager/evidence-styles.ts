/**
 * The look of the evidence pages' FixedDataTable (client/fixed-data-table.ts). Its class names are
 * the long-stable ones the evidence shows (`_1gda`, `_4lg0`…) plus the simulator's own `fdt-*`;
 * nothing of the overlay may rely on either.
 */
export const EVIDENCE_CSS = `
.fdt-table{position:relative;height:100%;min-height:300px;overflow:hidden;background:var(--card-background);font-size:13px}
.fdt-header,.fdt-row{position:absolute;left:0;right:0;height:46px}
.fdt-header{top:0;height:56px;z-index:2;background:var(--card-background);border-bottom:1px solid var(--divider);font-weight:600}
.fdt-viewport{position:absolute;top:56px;bottom:56px;left:0;right:0;overflow:hidden}
.fdt-footerpagelet{position:absolute;bottom:0;left:0;right:0;height:56px;z-index:2;background:var(--card-background);border-top:1px solid var(--divider);font-weight:600}
.fdt-footer{height:56px;top:0}
.fdt-row{top:0;will-change:transform}
.fdt-row:hover,.fdt-selected{background:var(--hover-overlay)}
.fdt-rowbody{position:absolute;inset:0}
.fdt-fixed{position:absolute;left:0;top:0;bottom:0;width:412px;background:var(--card-background);z-index:1}
.fdt-scroll{position:absolute;top:0;bottom:0}
._4lg0{position:absolute;top:0;bottom:0;box-sizing:border-box;display:flex;align-items:center;padding:0 8px;overflow:hidden;border-bottom:1px solid var(--divider);border-right:1px solid var(--divider)}
.fdt-metric{justify-content:flex-end;text-align:right}
.fdt-cellcontent{display:flex;align-items:center;gap:6px;min-width:0;width:100%}
.fdt-metric .fdt-cellcontent{justify-content:flex-end}
.fdt-nameblock{display:flex;align-items:center;gap:6px;min-width:0;flex:1}
.fdt-grow{min-width:0;flex:1}
.fdt-thumb{width:28px;height:28px;flex:none;border-radius:4px;background:var(--divider)}
.fdt-name{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;min-width:0}
.fdt-name a{color:var(--link-text, #0a66d8);text-decoration:none}
.fdt-namecell{padding-right:8px}
.fdt-toolbar{position:absolute;right:4px;top:50%;transform:translateY(-50%);display:flex;gap:4px;visibility:hidden;font-size:12px;background:var(--card-background)}
.fdt-row:hover .fdt-toolbar{visibility:visible}
.fdt-toolbar [role=button]{padding:2px 4px;cursor:pointer}
.fdt-switch{width:32px;height:18px;border-radius:9px;background:var(--divider)}
.fdt-switch[aria-checked=true]{background:var(--accent)}
.fdt-loading,.fdt-skeleton{height:8px;width:60%;border-radius:4px;background:var(--divider)}
.fdt-placeholder{position:absolute;top:12px;left:16px;right:16px}
`;
