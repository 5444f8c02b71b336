/**
 * Sortable tables, as progressive enhancement: the HTML table is complete in
 * its default order; this script turns each header marked `data-sort`
 * ("number" or "text") into a button that sorts the rows of the table's
 * `tbody[data-sort-body]` and says so with `aria-sort`. Rows in other
 * bodies (the district total, the spread) stay on top. Numbers sort by the
 * cell's `data-value`, so "—" and units do not matter.
 */
export function startTableSort(root: ParentNode = document): void {
  for (const table of root.querySelectorAll<HTMLTableElement>('table[data-sortable]')) {
    const body = table.querySelector<HTMLTableSectionElement>('tbody[data-sort-body]');
    const headers = [...table.querySelectorAll<HTMLTableCellElement>('thead th')];
    if (!body) continue;
    headers.forEach((th, column) => {
      const kind = th.dataset.sort;
      if (!kind) return;
      const button = document.createElement('button');
      button.type = 'button';
      button.append(...th.childNodes);
      th.append(button);
      button.addEventListener('click', () => {
        // Numbers first sort largest first (who leads), names A–Z; a second press reverses.
        const first = kind === 'number' ? 'descending' : 'ascending';
        const order = th.getAttribute('aria-sort') === first ? (first === 'ascending' ? 'descending' : 'ascending') : first;
        sortRows(body, column, kind, order);
        for (const other of headers) other.removeAttribute('aria-sort');
        th.setAttribute('aria-sort', order);
      });
    });
  }
}

function sortRows(body: HTMLTableSectionElement, column: number, kind: string, order: string): void {
  const key = (row: HTMLTableRowElement) => {
    const cell = row.cells[column];
    return kind === 'number' ? Number(cell?.dataset.value ?? NaN) : (cell?.textContent ?? '').trim();
  };
  const sign = order === 'ascending' ? 1 : -1;
  const rows = [...body.rows].map((row, i) => ({ row, i, k: key(row) }));
  rows.sort((a, b) => {
    // Empty values (no vacuum) go last either way; ties keep the default order.
    if (typeof a.k === 'number' && typeof b.k === 'number') {
      const an = Number.isNaN(a.k);
      const bn = Number.isNaN(b.k);
      if (an || bn) return an === bn ? a.i - b.i : an ? 1 : -1;
      return sign * (a.k - b.k) || a.i - b.i;
    }
    return sign * String(a.k).localeCompare(String(b.k), 'zh-CN') || a.i - b.i;
  });
  body.append(...rows.map((r) => r.row));
}
