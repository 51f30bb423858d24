// The table webview's stylesheets under media/, by part, in the order the page links them (later ones may refine
// earlier ones). The panel's HTML and the webview test harness both link this list.
export const TABLE_STYLESHEETS = [
  'table/base.css',
  'table/toolbar.css',
  'table/grid.css',
  'table/compare.css',
  'table/progress.css',
  'table/overlays.css',
  'table/explain.css',
] as const;
