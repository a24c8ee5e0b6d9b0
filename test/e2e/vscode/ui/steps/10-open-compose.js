// The workbench opens on the taskflow folder; the compose file opens from Quick Open as a compose file.
module.exports = {
  title: 'open examples/taskflow and its docker-compose.yml (language mode "Compose")',
  screenshot: 'compose-open',
  async run(ui) {
    await ui.waitForWorkbench();
    await ui.openFile('docker-compose.yml');
    // The status bar names the editor's language mode: docklens' `dockercompose` id, shown by its alias.
    const mode = await ui.until('a language mode in the status bar', () =>
      ui.page.locator('.statusbar-item[id="status.editor.mode"]').innerText().catch(() => ''));
    if (!/compose/i.test(mode)) throw new Error(`language mode is ${JSON.stringify(mode)}`);
    return `language mode ${JSON.stringify(mode.trim())}`;
  },
};
