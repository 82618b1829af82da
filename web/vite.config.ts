import { defineConfig } from 'vitest/config';

// The API serves the built app at "/", so assets use absolute paths; the dev server forwards API calls.
const api = process.env.DTHUB_URL ?? 'http://127.0.0.1:5080';

export default defineConfig({
  base: '/',
  build: {
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    host: '127.0.0.1',
    proxy: {
      '/graphql': api,
      '/tiles': api,
      '/config.json': api,
    },
  },
  test: {
    include: process.env.DTHUB_SCHEMA_CHECK ? ['src/**/*.check.ts'] : ['src/**/*.test.ts'],
    environment: 'node',
  },
});
