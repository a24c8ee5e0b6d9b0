// What a person does in VS Code, as playwright calls on code-server's page: open a file with Quick Open,
// go to a line, point the mouse at a word and read the hover, open a panel, read the editor's text.
// Selectors are VS Code 1.100's (code-server 4.100.3); they are the workbench's own class names.
'use strict';
const fs = require('fs');
const path = require('path');

const EDITOR = '.part.editor .editor-group-container.active .monaco-editor';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

class Ui {
  constructor(page, folder) {
    this.page = page;
    this.folder = folder;
  }

  /** Polls fn() until it returns a truthy value or `ms` elapse; throws `what` with the last value otherwise. */
  async until(what, fn, ms = 20000, every = 250) {
    const end = Date.now() + ms;
    let v;
    for (;;) {
      v = await fn();
      if (v) return v;
      if (Date.now() >= end) throw new Error(`${what} (after ${ms / 1000} s)`);
      await sleep(every);
    }
  }

  async waitForWorkbench() {
    await this.page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    // The Explorer fills late; its rows mean the folder is open and the window is ready for keys.
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 30000 });
  }

  /** Quick Open (Ctrl+P), type the path, Enter; waits until the file is the active editor tab. */
  async openFile(relPath) {
    const name = path.basename(relPath);
    const tab = this.page.locator('.part.editor .tab.active', { hasText: name });
    for (let attempt = 0; attempt < 3 && !(await tab.isVisible().catch(() => false)); attempt++) {
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('Control+P');
      const input = this.page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 10000 });
      await input.fill(relPath);
      // The file search answers asynchronously: wait for a result row that names the file.
      await this.page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first()
        .waitFor({ timeout: 10000 }).catch(() => {});
      await this.page.keyboard.press('Enter');
      await tab.waitFor({ timeout: 10000 }).catch(() => {});
    }
    await tab.waitFor({ timeout: 1000 });
    await this.page.locator(`${EDITOR} .view-line`).first().waitFor();
  }

  /** Go to Line (Ctrl+G, then `:N` Enter): puts the cursor at the start of 1-based `line`, scrolled into view. */
  async goToLine(line) {
    await this.page.keyboard.press('Control+G');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 10000 });
    await input.fill(`:${line}`);
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden', timeout: 5000 });
    const selection = this.page.locator('.statusbar-item[id="status.editor.selection"]');
    await this.until(`cursor on line ${line}`, async () =>
      new RegExp(`^Ln ${line}, Col 1\\b`).test((await selection.innerText().catch(() => '')).trim()), 5000);
  }

  /** Screen point of the middle of `word` on the first visible editor line containing `lineText`. */
  async pointAt(lineText, word) {
    const p = await this.page.evaluate(([sel, lineText, word]) => {
      const norm = (s) => s.replace(/\u00a0/g, ' '); // the editor renders spaces as no-break spaces
      // The editor reuses line elements while scrolling: their order is their `top`, not the DOM's.
      const line = [...document.querySelectorAll(`${sel} .view-lines .view-line`)]
        .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
        .find((l) => norm(l.textContent).includes(lineText));
      if (!line) return null;
      const nodes = [];
      let text = '';
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        nodes.push({ node: walker.currentNode, at: text.length });
        text += norm(walker.currentNode.data);
      }
      const start = text.indexOf(word, text.indexOf(lineText));
      if (start < 0) return null;
      const mid = start + Math.floor(word.length / 2);
      const hit = nodes.filter((n) => n.at <= mid).pop();
      const range = document.createRange();
      range.setStart(hit.node, mid - hit.at);
      range.setEnd(hit.node, mid - hit.at + 1);
      const r = range.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }, [EDITOR, lineText, word]);
    if (!p) throw new Error(`no visible editor line with ${JSON.stringify(lineText)} and ${JSON.stringify(word)}`);
    return p;
  }

  /**
   * Points the mouse at `word` on the line containing `lineText` and returns the hover's text once it
   * contains every phrase. The first hover can be empty while the server starts: move away and back
   * every 1.5 s (bounded).
   */
  async hover(lineText, word, phrases, ms = 30000) {
    const box = this.page.locator('.monaco-hover:not(.hidden) .hover-contents');
    let text = '';
    const end = Date.now() + ms;
    while (Date.now() < end) {
      await this.restMouse();
      await sleep(100);
      const p = await this.pointAt(lineText, word);
      await this.page.mouse.move(p.x, p.y, { steps: 4 });
      await sleep(1500);
      text = (await box.allInnerTexts().catch(() => [])).join('\n');
      if (phrases.every((ph) => text.includes(ph))) return text;
    }
    const missing = phrases.filter((ph) => !text.includes(ph));
    throw new Error(`hover on ${JSON.stringify(word)} lacks ${JSON.stringify(missing)}; it said ${JSON.stringify(text)}`);
  }

  /** Parks the pointer on the empty part of the activity bar, where it shows no hover or tooltip. */
  async restMouse() {
    await this.page.mouse.move(24, 420);
  }

  /** The active editor's text, from its rendered lines (the files here fit on one screen). */
  async editorText() {
    return this.page.evaluate((sel) => {
      const lines = [...document.querySelectorAll(`${sel} .view-lines .view-line`)]
        .map((l) => ({ top: parseFloat(l.style.top), text: l.textContent.replace(/\u00a0/g, ' ') }))
        .sort((a, b) => a.top - b.top);
      return lines.map((l) => l.text).join('\n');
    }, EDITOR);
  }

  /** A file of the repository's test/e2e/golden folder. */
  golden(name) {
    return fs.readFileSync(path.join(__dirname, '..', '..', 'golden', name), 'utf8');
  }
}

module.exports = { Ui, EDITOR, sleep };
