// Lint configuration: the recommended TypeScript rules, nothing exotic.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly',
        setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly',
        setImmediate: 'readonly', queueMicrotask: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // oclif's integer flag parses with parseInt and leaves the upper bound open; numeric flags
      // are range-checked exactly by the shared helper.
      'no-restricted-properties': ['error', {
        object: 'Flags', property: 'integer',
        message: 'declare numeric flags with integerFlag from src/cli/integer-flag.ts (exact range check, required max)',
      }],
    },
  },
  {
    // The entry points are CommonJS (bin/package.json): an ES module entry costs Node's ES module loader.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', __dirname: 'readonly', module: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The CLI's start-up: the '@oclif/core' index loads every part of oclif (help, ux, execute,
    // …) even in a bundle, because oclif is CommonJS; the subpath modules load only their part.
    files: ['commands/**/*.ts', 'src/**/*.ts', 'bin/**/*.js'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: '@oclif/core', message: "import the part you use by subpath: '@oclif/core/args', '@oclif/core/flags', '@oclif/core/command', …" }],
      }],
    },
  },
);
