import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

// The API serves the built app at "/", so assets use absolute paths; the dev server forwards API calls.
const api = process.env.DTHUB_URL ?? 'http://127.0.0.1:5080';

/**
 * Writes x.br and x.gz next to every text asset, compressed once at the best level; the API sends them to browsers
 * that accept the encoding (Features/WebClient), so no request pays for compression.
 */
function precompress(): Plugin {
  return {
    name: 'dthub-precompress',
    apply: 'build',
    writeBundle(options) {
      const dir = join(options.dir ?? 'dist', 'assets');
      for (const name of readdirSync(dir)) {
        if (!/\.(m?js|css|svg|json)$/.test(name)) continue;
        const path = join(dir, name);
        if (statSync(path).size < 1024) continue;
        const body = readFileSync(path);
        writeFileSync(`${path}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
        writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [precompress()],
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
