import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

/** The shell command in the fenced block that follows `<!-- quickstart:NAME -->` in README.md. */
function readmeCommand(name: string): string {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  // The block may be indented under a list item.
  const match = new RegExp(`<!-- quickstart:${name} -->\\s*\`\`\`(?:sh|bash)\\n[ \\t]*([^\\n]+)\\n[ \\t]*\`\`\``).exec(readme);
  if (!match) {
    throw new Error(`README.md has no <!-- quickstart:${name} --> block followed by a one-line sh block`);
  }
  return match[1].trim();
}

describe('README quick start', () => {
  test('GIVEN .ci/run WHEN reading its commands THEN it runs exactly the README test command', () => {
    // GIVEN
    const ciScript = fs.readFileSync(path.join(root, '.ci', 'run'), 'utf8');
    const commands = ciScript.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#') && !/^(set|cd) /.test(line));
    // THEN
    expect(commands).toEqual([readmeCommand('test')]);
  });

  test.each(['examples', 'test'])('GIVEN the %s command WHEN it runs a projen task THEN that task exists', (name) => {
    const tasks = JSON.parse(fs.readFileSync(path.join(root, '.projen', 'tasks.json'), 'utf8')).tasks;
    const task = /npx projen (\S+)/.exec(readmeCommand(name))?.[1];
    expect(task && tasks[task]).toBeDefined();
  });
});
