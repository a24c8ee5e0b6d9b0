// The Dockerfile's COPY-order warning in the Problems panel (View › Problems, Ctrl+Shift+M).
module.exports = {
  title: 'Problems panel lists the copy-before-install warning of backend.dockerfile',
  screenshot: 'problems',
  async run(ui) {
    await ui.restMouse(); // no hover left over the editor
    await ui.openFile('backend/backend.dockerfile');
    await ui.page.keyboard.press('Control+Shift+M');
    const row = ui.page.locator('.markers-panel .monaco-list-row', { hasText: 'copy-before-install' });
    await ui.until('a copy-before-install row in the Problems panel', () => row.first().isVisible(), 30000);
    const text = await row.first().innerText();
    if (!text.includes('COPY . .')) throw new Error(`row says ${JSON.stringify(text)}`);
    if (!(await row.first().locator('.codicon-warning').count())) throw new Error('the row has no warning icon');
    await row.first().click(); // selects it and reveals the COPY line in the editor, as a person would
    await ui.restMouse();
    return JSON.stringify(text.replace(/\s+/g, ' ').slice(0, 100));
  },
};
