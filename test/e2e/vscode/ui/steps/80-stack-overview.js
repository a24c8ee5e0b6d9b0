// The stack overview, as a person opens it: the code lens above `services:` is there, and the command
// palette's "Docklens: Show Stack Overview" opens a panel beside the file whose picture has one box per
// taskflow service. VS Code nests a webview in two iframes (iframe.webview → #active-frame).
const SERVICES = ['backend', 'frontend', 'mongodb', 'postgres', 'redis'];
module.exports = {
  title: 'the code lens above services: and "Docklens: Show Stack Overview" open the picture of the stack',
  screenshot: 'stack-overview',
  async run(ui) {
    // The compose file is open in a tab since the first step: click it, as a person would.
    const composeTab = ui.page.locator('.part.editor .tab', { hasText: 'docker-compose.yml' }).first();
    await composeTab.click();
    await ui.until('docker-compose.yml to be the active tab', async () =>
      /\bactive\b/.test((await composeTab.getAttribute('class').catch(() => '')) || ''), 10000);
    await ui.goToLine(1);
    const lens = ui.page.locator('.part.editor .editor-group-container.active .codelens-decoration', { hasText: 'stack overview' });
    await ui.until('the "Show stack overview" code lens above services:', () => lens.first().isVisible().catch(() => false));
    await ui.page.keyboard.press('Escape');
    await ui.page.keyboard.press('Control+Shift+P');
    const input = ui.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10000 });
    await input.fill('>Docklens: Show Stack Overview');
    await ui.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Show Stack Overview' }).first().waitFor({ timeout: 10000 });
    await ui.page.keyboard.press('Enter');
    const tab = ui.page.locator('.part.editor .tab', { hasText: 'Stack overview: docker-compose.yml' });
    await ui.until('a "Stack overview: docker-compose.yml" tab', () => tab.first().isVisible().catch(() => false));
    const frame = ui.page.frameLocator('iframe.webview').frameLocator('#active-frame');
    const boxes = frame.locator('g.service[data-service]');
    const names = await ui.until(`one box per service (${SERVICES.join(', ')})`, async () => {
      const found = (await boxes.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-service'))).catch(() => [])).sort();
      return JSON.stringify(found) === JSON.stringify(SERVICES) ? found : null;
    });
    return `boxes: ${names.join(', ')}`;
  },
};
