// One lint configuration for the whole monorepo. Module boundaries are enforced on two tag axes:
// scope (which service or area owns the code) and type (what kind of code it is).
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const sharedLibraryTypes = ['type:contracts', 'type:util'];

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.next/**',
      '**/.nx/**',
      '**/.galley/**',
      '**/test-results/**',
      '**/playwright-report/**',
      '**/next-env.d.ts',
      '**/*.cjs',
      '**/*.mjs',
      '**/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // type axis: what a kind of code may use
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [...sharedLibraryTypes, 'type:data', 'type:client', 'type:testing'],
            },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: [...sharedLibraryTypes, 'type:client', 'type:testing'],
            },
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: sharedLibraryTypes,
              // Contracts are read by the browser, the SDK and every service: framework-free by rule.
              bannedExternalImports: [
                '@nestjs/*',
                'typeorm',
                'nats',
                'pg',
                'better-sqlite3',
                '@duckdb/*',
                'react',
                'next',
                'next/*',
              ],
            },
            { sourceTag: 'type:data', onlyDependOnLibsWithTags: [...sharedLibraryTypes, 'type:data'] },
            { sourceTag: 'type:client', onlyDependOnLibsWithTags: sharedLibraryTypes },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util'] },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: [...sharedLibraryTypes, 'type:data', 'type:testing'],
            },
            {
              sourceTag: 'type:tooling',
              onlyDependOnLibsWithTags: [...sharedLibraryTypes, 'type:data', 'type:client', 'type:testing'],
            },
            // scope axis: a service sees only itself and shared code
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
            { sourceTag: 'scope:catalog', onlyDependOnLibsWithTags: ['scope:catalog', 'scope:shared'] },
            { sourceTag: 'scope:features', onlyDependOnLibsWithTags: ['scope:features', 'scope:shared'] },
            { sourceTag: 'scope:training', onlyDependOnLibsWithTags: ['scope:training', 'scope:shared'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
            { sourceTag: 'scope:tooling', onlyDependOnLibsWithTags: ['scope:tooling', 'scope:shared'] },
          ],
        },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        // Nest resolves constructor parameters from emitted metadata, which needs value imports.
        { prefer: 'type-imports', fixStyle: 'separate-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
    },
  },
  {
    // Tests may assert loosely on parsed JSON.
    files: ['**/*.spec.ts', '**/*.integration-spec.ts', '**/*.e2e.ts', 'apps/workspace-e2e/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
