// Keyboard-only use of a page, for the browser tests: move the focus with
// Tab, open a file picker with Space.
import assert from 'node:assert/strict';

/** Presses `key` (Tab or Shift+Tab) until `selector` has the focus, at most `limit` times. */
export async function tabTo(page, selector, { key = 'Tab', limit = 200 } = {}) {
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press(key);
  }
  assert.fail(`${key} never reached ${selector}`);
}

/**
 * Presses Space on the focused file input and answers its picker with `files`.
 *
 * A native picker cannot be driven from a test: Playwright intercepts it and
 * hands it over as the `filechooser` event. Playwright turns the interception
 * on when the listener is added, without waiting for the browser; on a loaded
 * CI machine a press once opened a picker Playwright never saw (30 s timeout).
 * So a round trip to the page comes before the press, and a press that opens
 * no picker within `wait` ms is made again, at most `presses` times in all,
 * each retry printed. A page whose Space opens no picker still fails.
 */
export async function chooseFilesWithSpace(page, files, { presses = 3, wait = 10_000 } = {}) {
  for (let press = 1; press <= presses; press++) {
    const chooser = page.waitForEvent('filechooser', { timeout: wait }).catch((error) => {
      if (error?.name === 'TimeoutError') return null;
      throw error;
    });
    await page.evaluate(() => 0);
    await page.keyboard.press('Space');
    const opened = await chooser;
    if (opened) {
      await opened.setFiles(files);
      return press;
    }
    console.log(`# Space opened no file picker within ${wait} ms (press ${press} of ${presses})`);
  }
  assert.fail(`Space on the focused file input opened no file picker in ${presses} presses`);
}
