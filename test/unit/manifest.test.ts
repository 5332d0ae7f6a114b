import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, unknown> } };
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
};

describe('package.json', () => {
  it('restricts only settings it declares (a renamed setting would silently lose its restriction)', () => {
    const declared = new Set(Object.keys(manifest.contributes.configuration.properties));
    assert.deepEqual(
      manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.filter((setting) => !declared.has(setting)),
      [],
    );
  });
});
