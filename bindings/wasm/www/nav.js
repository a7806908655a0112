// The header navigation shared by the app's pages: one list of tools, so a
// page added here appears on every page. Mounts into `<nav id="tools-nav">`;
// a plain ES module with no imports, so an unbundled page can load it too.
export const TOOLS = [
  { href: 'index.html', label: 'CSV precheck' },
  { href: 'kpi.html', label: 'KPI dashboard' },
  { href: 'quality.html', label: 'Call quality' },
];

/** Fills `nav` with one link per tool; the current page's link is `aria-current="page"`. */
export function mountNav(nav = document.getElementById('tools-nav')) {
  if (!nav) return;
  const here = location.pathname.split('/').pop() || 'index.html';
  nav.setAttribute('aria-label', 'Tools');
  const list = document.createElement('ul');
  for (const tool of TOOLS) {
    const a = Object.assign(document.createElement('a'), { href: tool.href, textContent: tool.label });
    if (tool.href === here) a.setAttribute('aria-current', 'page');
    const item = document.createElement('li');
    item.append(a);
    list.append(item);
  }
  nav.replaceChildren(list);
}
