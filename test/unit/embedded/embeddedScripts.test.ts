import * as assert from 'node:assert/strict';
import { asWritten, findEmbeddedScripts } from '../../../src/core/embedded/embeddedScripts';

function scripts(yaml: string): string[] {
  return findEmbeddedScripts(yaml).scripts.map((script) => script.text);
}

describe('shell scripts embedded in YAML', () => {
  it('finds the script of sh -c in a container command, with the script in command or in args', () => {
    const yaml = [
      'containers:',
      '  - command: ["/bin/sh", "-c", "echo one"]',
      '  - command: [bash, -o, pipefail, -euxc]',
      '    args: ["echo two"]',
      '  - command: [busybox, sh, -c, echo three]',
      '  - command: [python3, -c, "print(1)"]',
      '  - command: [sh, script.sh]',
      '  - args: [--listen, ":9091"]',
      '',
    ].join('\n');
    assert.deepEqual(scripts(yaml), ['echo one', 'echo two', 'echo three']);
  });

  it("finds Concourse's run: {path: sh, args: [-c, SCRIPT]}", () => {
    assert.deepEqual(scripts('run:\n  path: /bin/bash\n  args: [-ec, "echo c"]\n'), ['echo c']);
  });

  it("finds docker-compose's entrypoint + command, Argo's script source and Tekton's step script", () => {
    assert.deepEqual(scripts('services:\n  job:\n    entrypoint: [/bin/sh, -c]\n    command: [echo compose]\n'), ['echo compose']);
    assert.deepEqual(scripts('templates:\n  - name: t\n    script:\n      image: alpine\n      command: [sh]\n      source: echo argo\n'), ['echo argo']);
    assert.deepEqual(scripts('templates:\n  - script: { image: python, command: [python], source: print(1) }\n'), []);
    const tekton =
      'spec:\n  steps:\n    - name: s\n      image: alpine\n      script: |\n        echo tekton\n    - name: p\n      image: python\n      script: |\n        #!/usr/bin/env python3\n        print(1)\n';
    assert.deepEqual(scripts(tekton), ['echo tekton\n']);
  });

  it('finds GitHub Actions run: steps run by a shell, and no other', () => {
    const yaml = [
      'jobs:',
      '  linux:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo default',
      '      - { run: echo sh, shell: "sh -e {0}" }',
      '      - { run: print(1), shell: python }',
      '      - uses: actions/github-script@v7',
      '        with: { script: "console.log(1)" }',
      '      - run: |',
      '          #!/usr/bin/env python3',
      '          print(2)',
      '  windows:',
      '    runs-on: windows-2022',
      '    steps:',
      '      - run: echo pwsh',
      '      - { run: echo bash on windows, shell: bash }',
      '  python-default:',
      '    runs-on: ubuntu-latest',
      '    defaults: { run: { shell: python } }',
      '    steps:',
      '      - run: print(3)',
      '',
    ].join('\n');
    assert.deepEqual(scripts(yaml), ['echo default', 'echo sh', 'echo bash on windows']);
  });

  it('reads a GitLab CI job script list as one script, a line each, each joining line break on the line before', () => {
    const yaml = 'job:\n  script:\n    - export X=1\n    - [echo "$X", "true"]\n    - |\n      echo a\n      echo b\n  after_script: echo done\n';
    const found = findEmbeddedScripts(yaml);
    assert.deepEqual(
      found.scripts.map((script) => script.text),
      ['export X=1\necho "$X"\ntrue\necho a\necho b\n', 'echo done'],
    );
    const [script] = found.scripts;
    const joiner = script.text.indexOf('\n');
    assert.deepEqual(found.position(script.starts[joiner]), { line: 2, column: 16 });
    assert.deepEqual(found.position(script.starts[script.text.indexOf('echo b')]), { line: 6, column: 6 });
  });

  it('reads every document of a stream, also one with YAML errors (a Helm template is not YAML until rendered)', () => {
    const yaml = 'command: [sh, -c, echo one]\n---\nname: {{ .Release.Name }}-x\nrun: echo two\n---\nrun: echo three\n';
    assert.deepEqual(scripts(yaml), ['echo one', 'echo two', 'echo three']);
  });

  it('notes a script that may push but cannot be mapped exactly instead of reading it, and keeps quiet about others', () => {
    const found = findEmbeddedScripts('steps:\n  - run: >\n      echo a |\n      curl b\n');
    assert.deepEqual(found.scripts, []);
    assert.deepEqual(found.refused, [{ origin: 'run', line: 1, reason: 'a folded (>) block scalar joins its lines with spaces' }]);
    const quiet = findEmbeddedScripts('steps:\n  - run: >\n      make &&\n      make install\n');
    assert.deepEqual([quiet.scripts, quiet.refused], [[], []]);
  });

  it('turns ${{ }} and {{ }} template expressions into same-length shell variables, and gives them back as written', () => {
    const yaml = 'run: echo "x ${{ steps.a.outputs.v }}" | curl "$GW/metrics/job/${{ github.job }}"\n';
    const [script] = findEmbeddedScripts(yaml).scripts;
    const first = `\${_0${'_'.repeat('${{ steps.a.outputs.v }}'.length - 5)}}`;
    const second = `\${_1${'_'.repeat('${{ github.job }}'.length - 5)}}`;
    assert.equal(script.text, `echo "x ${first}" | curl "$GW/metrics/job/${second}"`);
    assert.equal(asWritten(script, `$GW/metrics/job/${second}`), '$GW/metrics/job/${{ github.job }}');
    assert.deepEqual(script.expressionSpans, [
      { start: 8, end: 8 + first.length },
      { start: script.text.indexOf(second), end: script.text.indexOf(second) + second.length },
    ]);
    const [helm] = findEmbeddedScripts('args: [sh, -c, "curl {{ .Values.gateway }}/metrics/job/x"]\n').scripts;
    assert.equal(helm.text, `curl \${_0${'_'.repeat('{{ .Values.gateway }}'.length - 5)}}/metrics/job/x`);
  });

  it("finds an Ansible task's shell module, free-form or {cmd}, run by a shell, and no module's shell option", () => {
    const yaml = [
      '- hosts: all',
      '  tasks:',
      '    - name: free-form',
      '      ansible.builtin.shell: |',
      '        echo one',
      '      args:',
      '        chdir: /srv',
      '    - shell: echo two',
      '    - name: cmd form under bash',
      '      ansible.builtin.shell:',
      '        cmd: echo three',
      '        executable: /bin/bash',
      '    - ansible.legacy.shell: echo four',
      '      args: { executable: /usr/bin/python3 }',
      '    - name: the login shell of the user module is not a script',
      '      ansible.builtin.user: { name: backup, shell: /bin/bash }',
      '    - ansible.builtin.command: echo five',
      '    - name: the script in args',
      '      shell:',
      '      args:',
      '        cmd: echo six chdir=/srv',
      '        executable: /bin/bash',
      '    - shell:',
      '      args: { cmd: echo seven, executable: /usr/bin/python3 }',
      '',
    ].join('\n');
    assert.deepEqual(scripts(yaml), ['echo one\n', 'echo two', 'echo three', 'echo six chdir=/srv']);
    assert.deepEqual(scripts('steps:\n  - { run: echo gh, shell: bash }\n'), ['echo gh']);
  });

  it('blanks the options Ansible takes out of a free-form shell line, every other character in its place', () => {
    const [task] = findEmbeddedScripts('- shell: curl --data-binary @m.prom http://gw/metrics/job/x chdir=/srv creates=/x\n').scripts;
    assert.equal(task.text, `curl --data-binary @m.prom http://gw/metrics/job/x ${' '.repeat('chdir=/srv'.length)} ${' '.repeat('creates=/x'.length)}`);
    const [cmd] = findEmbeddedScripts('- shell: { cmd: echo chdir=/srv }\n').scripts;
    assert.equal(cmd.text, 'echo chdir=/srv');
  });

  it('blanks every free-form option Ansible takes out, quoted or templated values too, and skips a line it runs with another program', () => {
    const [task] = findEmbeddedScripts('- shell: echo "a 1" | curl --data-binary @- http://gw/metrics/job/x warn=false chdir={{ app_dir }} creates="/opt/my app"\n').scripts;
    assert.equal(task.text.trimEnd(), 'echo "a 1" | curl --data-binary @- http://gw/metrics/job/x');
    assert.equal(task.text.length, 'echo "a 1" | curl --data-binary @- http://gw/metrics/job/x warn=false chdir={{ app_dir }} creates="/opt/my app"'.length);
    assert.deepEqual(scripts('- shell: print(1) executable=/usr/bin/python3\n'), []);
    assert.deepEqual(
      scripts('- shell: echo one executable={{ sh }}\n- shell: { cmd: echo two, executable: "{{ sh }}" }\n').map((text) => text.trimEnd()),
      ['echo one', 'echo two'],
    );
  });

  it("turns an Ansible script's Jinja statements and comments into placeholders, and leaves other scripts' braces alone", () => {
    const [task] = findEmbeddedScripts('- shell: |\n    {% for db in dbs %}\n    echo {# the size #}1\n    {% endfor %}\n').scripts;
    assert.match(task.text, /^\$\{_0_+\}\necho \$\{_1_+\}1\n\$\{_2_+\}\n$/);
    assert.deepEqual(scripts('steps:\n  - run: echo "{% raw %}"\n'), ['echo "{% raw %}"']);
  });

  it('finds nothing in YAML without scripts', () => {
    const none = findEmbeddedScripts('image:\n  tag: "1.2"\nservice: { port: 80 }\n');
    assert.deepEqual([none.scripts, none.refused], [[], []]);
    assert.deepEqual(scripts('services:\n  gw:\n    command: ["--persistence.file=/data/m"]\n'), []);
  });
});
