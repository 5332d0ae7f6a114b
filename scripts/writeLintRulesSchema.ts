// Writes the schema of the `pushgateway.lint.rules` setting into package.json from the code table
// (src/core/exposition/codes.ts and the rules' defaults). Run after adding a code:
//   node esbuild.js --tests && node out/scripts/writeLintRulesSchema.js
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lintRulesSettingSchema } from '../src/core/exposition/rulesSettingSchema';
import { repoRoot } from './host/paths';

const file = path.join(repoRoot(), 'package.json');
const manifest = JSON.parse(fs.readFileSync(file, 'utf8'));
manifest.contributes.configuration.properties['pushgateway.lint.rules'] = lintRulesSettingSchema();
fs.writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`Wrote the schema of pushgateway.lint.rules into ${path.relative(process.cwd(), file) || file}`);
