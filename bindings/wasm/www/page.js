// What every tool page does around its own work: the nav, the ready and
// rendered markers (`body[data-ready]`, `body[data-rendered]`, read by the
// browser tests), and a start failure shown in the page's alert box.
import { showError } from './alert.js';
import { mountNav } from './nav.js';

/** Counts one more render (or refused input) in `body[data-rendered]`. */
export function markRendered() {
  document.body.dataset.rendered = String(Number(document.body.dataset.rendered ?? 0) + 1);
}

/** Mounts the nav, runs `main`, then marks the page ready (or shows why it cannot start). */
export function startPage(main) {
  mountNav();
  main().then(() => {
    document.body.dataset.ready = 'true';
  }, (e) => {
    showError(document.querySelector('#error'), e, 'Cannot start');
    document.querySelector('#status').textContent = 'Cannot start.';
    document.body.dataset.ready = 'error';
  });
}
