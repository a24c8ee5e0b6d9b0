// A person points at a port mapping and reads what it publishes, computed from this file.
module.exports = {
  title: 'hover on the port mapping "8000:8000" explains host and container sides',
  screenshot: 'hover-ports',
  async run(ui) {
    const text = await ui.hover('- "8000:8000"', '8000:8000',
      ['Port 8000 → 8000', 'all interfaces', 'localhost:8000', 'backend:8000']);
    return JSON.stringify(text.split('\n')[0]);
  },
};
