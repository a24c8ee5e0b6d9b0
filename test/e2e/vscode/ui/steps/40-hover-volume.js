// The postgres data volume: its real name and what survives `down`.
module.exports = {
  title: 'hover on the postgres_data volume gives its real name and lifetime',
  screenshot: 'hover-volume',
  async run(ui) {
    const text = await ui.hover('- postgres_data:/var/lib/postgresql/data', 'postgres_data',
      ['Named volume', 'taskflow_postgres_data', 'docker compose down -v']);
    return JSON.stringify(text.split('\n')[0]);
  },
};
