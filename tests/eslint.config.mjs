// ESLint for the JavaScript of www/ and tests/ (`cargo xtask test lint`, from
// the repository root with `-c tests/eslint.config.mjs`): the recommended
// rules, browser and node globals, zero warnings allowed.

import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['www/pkg/**', 'tests/node_modules/**', 'xtask/node_modules/**', 'dist/**', 'target/**'] },
  js.configs.recommended,
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
  },
];
