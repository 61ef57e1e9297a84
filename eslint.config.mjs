/**
 * ESLint 9 flat config, after JupyterLab's extension template: TypeScript only
 * (src/ and scripts/), typed through tsconfig.eslint.json, formatting left to
 * Prettier.
 */
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import prettierRecommended from 'eslint-plugin-prettier/recommended';
import globals from 'globals';

const UNTRUSTED_TEXT =
  'Payload text is untrusted: build DOM nodes and set textContent instead.';

export default defineConfig([
  {
    // The old .eslintignore list (gitignore patterns: a bare name matches at
    // any depth), plus JavaScript: only TypeScript is linted.
    ignores: [
      '**/node_modules',
      '**/dist',
      '**/coverage',
      '**/*.d.ts',
      '**/lib',
      '**/build',
      '**/ui-tests',
      '**/jupyterlab_chexmask',
      '**/.venv',
      '**/jest.config.js',
      'jupyterlab_chexmask/labextension',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs'
    ]
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  // Before the project's rules: it turns off `curly` and
  // `prefer-arrow-callback`, which the project wants on.
  prettierRecommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      globals: {
        ...globals.browser,
        ...globals.es2015,
        ...globals.node
      },
      parserOptions: {
        project: 'tsconfig.eslint.json',
        tsconfigRootDir: import.meta.dirname,
        sourceType: 'module'
      }
    },
    rules: {
      '@typescript-eslint/naming-convention': [
        'error',
        {
          selector: 'interface',
          format: ['PascalCase'],
          custom: {
            regex: '^I[A-Z]',
            match: true
          }
        }
      ],
      // caughtErrors: 'none' was the default before typescript-eslint 8.
      '@typescript-eslint/no-unused-vars': [
        'warn',
        { args: 'none', caughtErrors: 'none' }
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-namespace': 'off',
      '@typescript-eslint/no-use-before-define': 'off',
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: UNTRUSTED_TEXT },
        { property: 'outerHTML', message: UNTRUSTED_TEXT }
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]',
          message: 'Payload text is untrusted: never assign HTML strings.'
        },
        {
          selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
          message: 'Payload text is untrusted: never insert HTML strings.'
        }
      ],
      // Was in eslint:recommended before ESLint 9; kept as the old config had it.
      'no-inner-declarations': [
        'error',
        'functions',
        { blockScopedFunctions: 'disallow' }
      ],
      curly: ['error', 'all'],
      eqeqeq: 'error',
      'prefer-arrow-callback': 'error'
    }
  }
]);
