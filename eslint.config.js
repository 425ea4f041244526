import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const FEATURES = ['training', 'spectra', 'efficiency', 'finetune'];

/** The app's import boundaries (src/app/README.md): features never import each other, shared imports no feature. */
const appBoundaries = [
  {
    // Only the compute worker owns tfjs; the page reaches it through shared/compute.
    files: ['src/app/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@tensorflow/*'], message: 'tfjs runs in the worker only.' }] }] },
  },
  ...FEATURES.map((feature) => ({
    files: [`src/app/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@tensorflow/*'], message: 'tfjs runs in the worker only.' },
            {
              // Spectra and fine-tuning read the training run (its trained model) from training's runStore.
              regex: `^\\.\\./(?!training/runStore$)(${FEATURES.filter((other) => other !== feature).join('|')})/`,
              message: 'A feature does not import another feature; move what both need to shared/.',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['src/app/shared/**/*.{ts,tsx}'],
    ignores: ['src/app/shared/charts/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/features/*', '**/shell/*', '@tensorflow/*'], message: 'shared/ imports no feature, no shell and no tfjs.' }] },
      ],
    },
  },
  {
    // The chart factories draw plain data: d3, each other and the number formats, nothing else.
    files: ['src/app/shared/charts/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!d3$|\\./|\\.\\./format/)', message: 'shared/charts imports only d3, its own files and ../format.' }] },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['dist', 'dist-*', 'node_modules', 'public/data', 'test-results', 'playwright-report', 'bench-results'] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ['**/*.{ts,tsx}'],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The framework-free core must never reach for React or the app.
    files: ['src/lib/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['react', 'react-dom', 'zustand', 'd3', '../app/*', '../../app/*', '../worker/*'] }],
    },
  },
  ...appBoundaries,
);
