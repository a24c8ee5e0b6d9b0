// The postgres healthcheck: the probe timeline from these values and who waits on it.
module.exports = {
  title: 'hover on the postgres healthcheck shows the probe timeline',
  screenshot: 'hover-healthcheck',
  async run(ui) {
    await ui.goToLine(52); // scrolls lines 36–48 (the postgres service) into view
    const text = await ui.hover('healthcheck:', 'healthcheck',
      ['Healthcheck', 'pg_isready -U taskflow -d taskflow', 'Earliest healthy', 'Unhealthy']);
    return JSON.stringify(text.split('\n')[0]);
  },
};
