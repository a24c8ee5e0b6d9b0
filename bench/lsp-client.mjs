// A minimal LSP client over stdio for the bench scripts that need finer control than lsp-probe gives
// (bench/typing-bench.mjs): JSON-RPC framing, requests with a timeout, publishDiagnostics with arrival times.
// Server requests are answered with "nothing" (null settings: the server's defaults), as lsp-probe does
// without --settings.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { frame, messageReader } from './jsonrpc.mjs';

export class Lsp {
  constructor(cmd, { timeoutMs = 10000, cwd } = {}) {
    this.timeoutMs = timeoutMs;
    this.child = spawn(cmd[0], cmd.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], cwd });
    this.child.stdin.on('error', () => {});
    this.stderr = '';
    this.child.stderr.setEncoding('utf8').on('data', (c) => (this.stderr = (this.stderr + c).slice(-4000)));
    this.nextId = 1;
    this.pending = new Map();
    /** publishDiagnostics in arrival order, each with its arrival time. */
    this.published = [];
    this.waiters = [];
    this.exited = false;
    this.child.on('exit', () => {
      this.exited = true;
      this.wake();
    });
    this.child.stdout.on('data', messageReader((msg) => this.dispatch(msg, performance.now())));
  }

  dispatch(msg, at) {
    if (msg.id !== undefined && msg.method === undefined) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (p) msg.error ? p.reject(new Error(msg.error.message)) : p.resolve(msg.result);
      return;
    }
    if (msg.id !== undefined) {
      const result = msg.method === 'workspace/configuration' ? (msg.params?.items ?? []).map(() => null) : null;
      this.write({ jsonrpc: '2.0', id: msg.id, result });
      return;
    }
    if (msg.method === 'textDocument/publishDiagnostics') {
      this.published.push({ ...msg.params, at });
      this.wake();
    }
  }

  write(msg) {
    this.child.stdin.write(frame(msg));
  }

  request(method, params) {
    const id = this.nextId++;
    this.write({ jsonrpc: '2.0', id, method, params });
    return this.bounded(new Promise((resolve, reject) => this.pending.set(id, { resolve, reject })), method);
  }

  notify(method, params) {
    this.write({ jsonrpc: '2.0', method, params });
  }

  wake() {
    const w = this.waiters;
    this.waiters = [];
    w.forEach((f) => f());
  }

  /** The first publishDiagnostics for `uri` at index >= `from` (and for `version`, when the server sends one). */
  diagnostics(uri, from, what, version) {
    return this.bounded(
      new Promise((resolve, reject) => {
        const check = () => {
          for (let i = from; i < this.published.length; i++) {
            const p = this.published[i];
            if (p.uri === uri && (version === undefined || p.version === undefined || p.version === version)) return resolve(p);
          }
          if (this.exited) return reject(new Error(`server exited while waiting for ${what}: ${this.stderr}`));
          this.waiters.push(check);
        };
        check();
      }),
      what,
    );
  }

  bounded(promise, what) {
    let timer;
    return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${this.timeoutMs} ms: ${what}`)), this.timeoutMs)))]).finally(() => clearTimeout(timer));
  }

  /** The server's peak resident set (VmHWM) in KiB, from /proc (Linux), or null. */
  peakRssKiB() {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8'));
      return m ? Number(m[1]) : null;
    } catch {
      return null;
    }
  }

  async stop() {
    try {
      await this.request('shutdown', null);
      this.notify('exit', null);
      await this.bounded(new Promise((resolve) => (this.exited ? resolve() : this.child.on('exit', resolve))), 'exit');
    } catch {
      if (!this.exited) this.child.kill('SIGKILL');
    }
  }
}
