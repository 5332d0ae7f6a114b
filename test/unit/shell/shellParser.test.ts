import * as assert from 'node:assert/strict';
import { loadShellParser, parseShell } from '../../../src/core/shell/tree/shellParser';

describe('shell parser (tree-sitter-bash)', () => {
  it('parses a push pipeline into commands with names and arguments', async () => {
    const script = 'echo "backup_ok 1" | curl --data-binary @- http://gw:9091/metrics/job/backup\n';
    const commands = await parseShell(script, (root) =>
      root.descendantsOfType('command').map((command) => ({
        name: command?.childForFieldName('name')?.text,
        args: command?.childrenForFieldName('argument').map((arg) => arg?.text),
      })),
    );
    assert.deepEqual(commands, [
      { name: 'echo', args: ['"backup_ok 1"'] },
      { name: 'curl', args: ['--data-binary', '@-', 'http://gw:9091/metrics/job/backup'] },
    ]);
  });

  it('is loaded once: every call gets the same parser', async () => {
    assert.equal(await loadShellParser(), await loadShellParser());
  });

  it('frees each tree after reading it: a node kept past parse() can no longer be read', async () => {
    const parser = await loadShellParser();
    const kept = parser.parse('echo hi\n', (root) => root);
    assert.throws(() => kept.descendantsOfType('command').length);
  });

  it('frees the tree also when the reader throws, and parses again afterwards', async () => {
    const parser = await loadShellParser();
    let freed = false;
    assert.throws(
      () =>
        parser.parse('echo hi\n', (root) => {
          // Watch the tree's own delete(): a freed tree's nodes read wasm memory at random, so
          // reading a kept node does not reliably fail.
          const tree = root.tree;
          const free = tree.delete.bind(tree);
          tree.delete = () => {
            freed = true;
            free();
          };
          throw new Error('reader failed');
        }),
      /reader failed/,
    );
    assert.ok(freed, 'the tree was not deleted after the reader threw');
    assert.equal(
      parser.parse('a; b; c\n', (root) => root.descendantsOfType('command').length),
      3,
    );
  });

  it('recovers locally from zsh-only syntax: the commands around it are still there', async () => {
    const names = await parseShell('echo start\nfor f (*.log) print $f\ncurl -X DELETE http://gw:9091/metrics/job/x\n', (root) => root.descendantsOfType('command_name').map((name) => name?.text));
    assert.ok(names.includes('echo') && names.includes('curl'), names.join(','));
  });
});
