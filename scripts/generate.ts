// Writes docs/rules.md and the settings block of package.json from the registry.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { configurationProperties, rulesMarkdown } from '../server/src/docs/generated';

mkdirSync('docs', { recursive: true });
writeFileSync('docs/rules.md', rulesMarkdown());
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
pkg.contributes.configuration.properties = configurationProperties();
writeFileSync('package.json', JSON.stringify(pkg, null, 2) + '\n');
process.stdout.write('wrote docs/rules.md and package.json contributes.configuration\n');
