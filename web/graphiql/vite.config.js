import { defineConfig } from 'vite';

// Built into dist/ and served by the API at /graphql/ui (see GraphQL/Transport/GraphiQLEndpoint.cs).
export default defineConfig({
  base: '/graphql/ui/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 6000,
    rolldownOptions: {
      // React libraries mark modules "use client"; meaningless in a plain bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  worker: { format: 'es' },
  // Dev mode pre-bundling misses these CommonJS dependencies of GraphiQL.
  optimizeDeps: { include: ['nullthrows', 'picomatch-browser', 'debounce-promise'] },
  server: { proxy: { '/graphql': 'http://127.0.0.1:5000' } },
});
