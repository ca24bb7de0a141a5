import { configDefaults, defineConfig } from 'vitest/config';

// The app's tsconfig keeps JSX for Next to compile; tests that render a component need it compiled here.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } },
  test: { exclude: [...configDefaults.exclude, 'e2e/**', '.next/**'] },
});
