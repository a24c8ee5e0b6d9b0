// On the COPY line the light bulb offers the fix; clicking it opens the code action menu.
const TITLE = 'Copy the manifests first and move `COPY . .` after the install';
module.exports = {
  title: 'the light bulb on the COPY . . line offers the quick-fix',
  screenshot: 'quickfix',
  TITLE,
  async run(ui) {
    await ui.goToLine(9);
    const bulb = ui.page.locator('.part.editor .lightBulbWidget');
    await ui.until('the light bulb on line 9', () => bulb.first().isVisible(), 20000);
    await bulb.first().click();
    const item = ui.page.locator('.action-widget .monaco-list-row', { hasText: TITLE });
    await ui.until(`a menu item ${JSON.stringify(TITLE)}`, () => item.first().isVisible(), 10000);
    const items = await ui.page.locator('.action-widget .monaco-list-row').allInnerTexts();
    return 'menu: ' + JSON.stringify(items.map((t) => t.trim()).filter(Boolean));
  },
};
