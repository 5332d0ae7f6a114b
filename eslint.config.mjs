// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const VSCODE_IN_CORE = { name: 'vscode', message: 'src/core must not depend on VS Code: put VS Code code in an adapter beside it.' };
const VSCODE_SUBPATH_IN_CORE = { group: ['vscode/*'], message: 'src/core must not depend on VS Code.' };
const MOCK_THROUGH_INDEX = 'Reach the mock through src/core/mock/index.ts: its stages (http/, body/, store/, output/) are its own business.';

export default tseslint.config(
  { ignores: ['dist/', 'out/', '.cache/', 'node_modules/', '**/*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      curly: 'error',
    },
  },
  {
    // src/core is shared by the extension, the CLI and the mock: it must run in plain Node.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [VSCODE_IN_CORE], patterns: [VSCODE_SUBPATH_IN_CORE] }],
      '@typescript-eslint/no-require-imports': 'error',
    },
  },
  {
    // The rest of src/core reaches the mock only through src/core/mock/index.ts (relative paths
    // from here: ../mock/..., ./mock/...). The rule's options replace the block above, so the
    // vscode ones are repeated.
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/mock/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [VSCODE_IN_CORE], patterns: [VSCODE_SUBPATH_IN_CORE, { regex: '^\\.{1,2}/(\\.\\./)*mock/(?!index$)', message: MOCK_THROUGH_INDEX }] }],
    },
  },
  {
    // Adapters, the CLI, scripts and tests too; the mock's own unit tests test its stages directly.
    files: ['**/*.ts'],
    ignores: ['src/core/**', 'test/unit/mock/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '(^|/)core/mock/(?!index$)', message: MOCK_THROUGH_INDEX }] }],
    },
  },
  {
    // Every question and message goes through the one prompts seam (src/ui/prompts.ts), which host tests replace.
    files: ['src/**/*.ts'],
    ignores: ['src/ui/prompts.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "MemberExpression[object.object.name='vscode'][object.property.name='window'][property.name=/^(show(Information|Warning|Error)Message|showQuickPick|showInputBox|showOpenDialog|showSaveDialog|createQuickPick|createInputBox)$/]",
          message: 'Ask and tell the user through userPrompts() (src/ui/prompts.ts), the one seam host tests replace.',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
