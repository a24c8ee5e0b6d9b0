// Which RUN commands count as dependency installs, builds that resolve dependencies, or neither.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recogniseStep } from '../server/src/dockerfile/ecosystems';
import { splitCommands } from '../server/src/dockerfile/shell';

type Expected = [ecosystem: string, kind: 'dependency' | 'source' | 'tool', named?: string[]] | undefined;

const CASES: [command: string, expected: Expected][] = [
  ['pip install -r requirements.txt', ['pip', 'dependency', ['requirements.txt']]],
  ['pip3 install --no-cache-dir -r requirements/prod.txt', ['pip', 'dependency', ['requirements/prod.txt']]],
  ['python -m pip install --requirement=reqs.txt', ['pip', 'dependency', ['reqs.txt']]],
  ['python3.12 -m pip install -rrequirements-dev.txt', ['pip', 'dependency', ['requirements-dev.txt']]],
  ['uv pip install -r requirements.txt --system', ['pip', 'dependency', ['requirements.txt']]],
  ['uv pip sync requirements.lock', ['pip', 'dependency', ['requirements.lock']]],
  ['pip install .', ['pip', 'source', []]],
  ['pip install -e .[dev]', ['pip', 'source', []]],
  ['pip install flask gunicorn', undefined],
  ['pip install --upgrade pip', undefined],
  ['poetry install --only main', ['poetry', 'source']],
  ['poetry install --no-root --no-interaction', ['poetry', 'dependency']],
  ['uv sync --locked', ['uv', 'source']],
  ['uv sync --locked --no-install-project', ['uv', 'dependency']],
  ['pipenv install --system --deploy', ['pipenv', 'dependency']],
  ['pipenv install requests', undefined],
  ['npm ci --omit=dev', ['npm', 'dependency']],
  ['npm install', ['npm', 'dependency']],
  ['npm i --production', ['npm', 'dependency']],
  ['npm install -g pm2', undefined],
  ['npm install express', undefined],
  ['npm run build', undefined],
  ['yarn', ['yarn', 'dependency']],
  ['yarn install --frozen-lockfile', ['yarn', 'dependency']],
  ['yarn add react', undefined],
  ['yarn global add @vue/cli', undefined],
  ['pnpm install --frozen-lockfile', ['pnpm', 'dependency']],
  ['pnpm fetch --prod', ['pnpm', 'dependency']],
  ['bun install --frozen-lockfile', ['bun', 'dependency']],
  ['go mod download', ['go', 'dependency']],
  ['CGO_ENABLED=0 GOOS=linux go build -o /app .', ['go', 'source']],
  ['go install github.com/x/y@latest', undefined],
  ['go mod tidy', ['go', 'tool']],
  ['cargo build --release', ['cargo', 'source']],
  ['cargo chef cook --release --recipe-path recipe.json', ['cargo', 'dependency']],
  ['mvn -B dependency:go-offline', ['maven', 'dependency']],
  ['./mvnw package -DskipTests', ['maven', 'source']],
  ['mvn -v', undefined],
  ['./gradlew build --no-daemon', ['gradle', 'source']],
  ['./gradlew downloadRepos', ['gradle', 'tool']],
  ['bundle install --jobs 4', ['bundler', 'dependency']],
  ['gem install bundler', undefined],
  ['composer install --no-dev --no-interaction', ['composer', 'dependency']],
  ['php composer.phar install', ['composer', 'dependency']],
  ['composer require monolog/monolog', undefined],
  ['dotnet restore', ['dotnet', 'dependency']],
  ['dotnet publish -c Release -o out', ['dotnet', 'source']],
  ['dotnet publish -c Release --no-restore', undefined],
  ['mix deps.get --only prod', ['mix', 'dependency']],
  ['mix do deps.get, compile', ['mix', 'dependency']],
  ['apt-get install -y curl', undefined],
  ['sudo -E pip install -r requirements.txt', ['pip', 'dependency', ['requirements.txt']]],
  ['env PIP_NO_CACHE_DIR=1 pip install -r requirements.txt', ['pip', 'dependency', ['requirements.txt']]],
];

for (const [command, expected] of CASES) {
  test(`recognises: ${command}`, () => {
    const [cmd] = splitCommands(command, 0, command.length, '\\');
    const step = recogniseStep(cmd!);
    const actual: Expected = step ? [step.ecosystem.id, step.kind, ...(expected?.[2] !== undefined ? [step.namedManifests] : [])] as Expected : undefined;
    assert.deepEqual(actual, expected);
  });
}

test('splits RUN text into simple commands across continuations, quotes and comment lines', () => {
  const text = 'apt-get update && \\\n  # a comment line inside the RUN\n  pip install -r "req s.txt"; cd /app || exit 1 | tee x';
  const commands = splitCommands(text, 0, text.length, '\\').map((c) => c.words.map((w) => w.value));
  assert.deepEqual(commands, [['apt-get', 'update'], ['pip', 'install', '-r', 'req s.txt'], ['cd', '/app'], ['exit', '1'], ['tee', 'x']]);
});

test('keeps document offsets of words (used by fixes that edit the command)', () => {
  const text = 'RUN poetry install --only main \\\n    && echo done';
  const [first] = splitCommands(text, 4, text.length, '\\');
  assert.equal(text.slice(first!.start, first!.end), 'poetry install --only main');
});
