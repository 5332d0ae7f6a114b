import * as assert from 'node:assert/strict';
import { findEmbeddedScripts } from '../../../src/core/embedded/embeddedScripts';

describe('shell scripts embedded in YAML: Drone and Woodpecker steps', () => {
  it("reads a step's commands (a list in steps:, or a map in Drone 0.8's pipeline:) as one script, a line each", () => {
    const yaml = [
      'kind: pipeline',
      'steps:',
      '  - name: metrics',
      '    image: alpine/curl',
      '    commands:',
      '      - echo "deploy_ok 1" | curl --data-binary @- http://gw:9091/metrics/job/deploy',
      '      - curl -X DELETE http://gw:9091/metrics/job/deploy_tmp',
      '---',
      'pipeline:',
      '  cleanup:',
      '    image: alpine/curl',
      '    commands:',
      '      - for i in a b; do curl -XDELETE http://gw:9091/metrics/job/x/instance/$i; done',
      '',
    ].join('\n');
    const found = findEmbeddedScripts(yaml);
    assert.deepEqual(
      found.scripts.map((script) => script.text),
      [
        'echo "deploy_ok 1" | curl --data-binary @- http://gw:9091/metrics/job/deploy\ncurl -X DELETE http://gw:9091/metrics/job/deploy_tmp',
        'for i in a b; do curl -XDELETE http://gw:9091/metrics/job/x/instance/$i; done',
      ],
    );
    const [first] = found.scripts;
    assert.deepEqual(found.position(first.starts[first.text.indexOf('curl -X DELETE')]), { line: 6, column: 8 });
  });

  it('leaves a commands list without an image alone (not a CI step)', () => {
    assert.deepEqual(findEmbeddedScripts('tool:\n  commands:\n    - curl http://gw:9091/metrics/job/x\n').scripts, []);
  });
});
