// Errors thrown by the library, shown in the page (role="alert"): the
// code, rule, field and line of the first problem, then every problem.

const where = (p) => [p.rule, p.field && `column/field ${p.field}`, p.line != null && `line ${p.line}`]
  .filter(Boolean).join(', ');

/** Shows `error` (an `Error` with the library's fields, or any error) in `box`. */
export function showError(box, error, context) {
  const head = document.createElement('p');
  const code = error?.code ?? 'ERROR';
  const at = where(error ?? {});
  head.textContent = `${context ? `${context}: ` : ''}${code}${at ? ` (${at})` : ''}: ${error?.message ?? String(error)}`;
  box.replaceChildren(head);
  const problems = Array.isArray(error?.problems) ? error.problems : [];
  if (problems.length > 1) {
    const list = document.createElement('ul');
    for (const p of problems) {
      const at2 = where(p);
      list.append(Object.assign(document.createElement('li'), { textContent: `${p.code}${at2 ? ` (${at2})` : ''}: ${p.message}` }));
    }
    box.append(list);
  }
  box.dataset.code = code;
  box.hidden = false;
}

/** Empties and hides `box`. */
export function clearError(box) {
  box.replaceChildren();
  delete box.dataset.code;
  box.hidden = true;
}

/** The columns of a table of problems with the file they are in. */
export const PROBLEM_COLUMNS = [
  { key: 'file', label: 'File', type: 'text' },
  { key: 'line', label: 'Line', type: 'number' },
  { key: 'field', label: 'Column', type: 'text' },
  { key: 'code', label: 'Code', type: 'text' },
  { key: 'message', label: 'Problem', type: 'text' },
];
