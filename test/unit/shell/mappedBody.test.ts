import * as assert from 'node:assert/strict';
import { bodyText, MappedBody, printfBody, wordBody } from '../../../src/core/shell/tree/mappedBody';
import { loadShellParser, parseShell } from '../../../src/core/shell/tree/shellParser';
import { treePushSitesOf } from '../../../src/core/shell/tree/pushSites';

/** The bodies of the arguments of the script's first command. */
async function argumentBodies(script: string, escapes = false): Promise<MappedBody[]> {
  return parseShell(script, (root) =>
    root
      .descendantsOfType('command')[0]!
      .childrenForFieldName('argument')
      .map((arg) => wordBody(arg!, escapes)),
  );
}

const where = (body: MappedBody) => body.map((entry) => `${entry.line}:${entry.column}${entry.placeholder ? '*' : ''}`).join(' ');

describe('bodies built from shell words', () => {
  it('removes quotes and the backslash of \\$ in double quotes, each character keeping its script column', async () => {
    const [body] = await argumentBodies('echo "a\\$b $X"\n');
    assert.equal(bodyText(body), 'a$b 00');
    assert.equal(where(body), '0:6 0:8 0:9 0:10 0:11* 0:12*');
  });

  it('reads a word of more than a MiB as one unknown value, and the push it feeds as a body not known', async () => {
    const huge = 'm{a="b"} 1\\n'.repeat(100_000);
    const [body] = await argumentBodies(`printf "${huge}"\n`);
    assert.equal(where(body), '0:7*');
    const sites = treePushSitesOf(await loadShellParser(), `printf "${huge}" | curl --data-binary @- http://gw:9091/metrics/job/x\n`);
    assert.deepEqual(
      sites?.map((site) => site.body?.known),
      [false],
    );
  });

  it('follows a string over several lines', async () => {
    const [, body] = await argumentBodies("curl --data 'a 1\nb 2'\n");
    assert.equal(bodyText(body), 'a 1\nb 2');
    assert.equal(body[4].line, 1);
    assert.equal(body[4].column, 0);
  });

  it('turns \\n into a line break where the backslash is written, for echo -e and printf', async () => {
    const [body] = await argumentBodies('echo "a 1\\nb 2"\n', true);
    assert.equal(bodyText(body), 'a 1\nb 2');
    assert.equal(where(body.slice(3, 5)), '0:9 0:11');
  });

  it('puts printf arguments in place of %s, reuses the format while arguments remain, and leaves other conversions as placeholders', async () => {
    const [, ...args] = await argumentBodies("printf '%s %.1f\\n' 'a' 1 'b' 2\n", false);
    const [format] = await argumentBodies("printf '%s %.1f\\n'\n", true);
    const body = printfBody(format, args);
    assert.equal(bodyText(body), 'a 0000\nb 0000\n');
    assert.deepEqual([body[0].column, body[7].column], [20, 26]); // inside the quotes of 'a' and 'b'
  });
});
