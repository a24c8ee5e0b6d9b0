// Choosing the fix edits the file exactly like the other editors do, and the warning goes away.
const { TITLE } = require('./60-quickfix-menu');
module.exports = {
  title: 'choosing the quick-fix gives the golden Dockerfile and clears the warning',
  screenshot: 'quickfix-applied',
  async run(ui) {
    // The menu opens with the preferred fix selected ("Enter to Apply"): check it is this one, press Enter.
    const selected = ui.page.locator('.action-widget .monaco-list-row.focused');
    const selectedText = (await selected.innerText().catch(() => '')).trim();
    if (!selectedText.includes(TITLE)) throw new Error(`the selected menu item is ${JSON.stringify(selectedText)}`);
    await ui.page.keyboard.press('Enter');
    const want = ui.golden('backend.dockerfile.fixed');
    await ui.until('the editor text to equal test/e2e/golden/backend.dockerfile.fixed; it is:\n' +
      (await ui.editorText()), async () => (await ui.editorText()) === want, 10000);
    const row = ui.page.locator('.markers-panel .monaco-list-row', { hasText: 'copy-before-install' });
    await ui.until('the warning to leave the Problems panel', async () => (await row.count()) === 0, 15000);
  },
};
