// @ts-check
const path = require('node:path');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Packages with native code, WASM or dynamic requires stay outside the bundle.
  // PGlite in particular: bundled, its WASM files would be copied into .next/static and served publicly.
  serverExternalPackages: ['@electric-sql/pglite', 'pg', 'pg-boss', 'busboy', 'file-type', 's3rver', 'pdfjs-dist', 'word-extractor', 'yauzl', 'saxes', 'meilisearch', 'prom-client'],
  poweredByHeader: false,
  typescript: {
    // `npm test` has type-checked the project before it builds for the browser tests: `npm run typecheck`
    // runs `next typegen` then tsc on this same tsconfig.json, which is exactly the check `next build`
    // would run again (the same files, with the same generated route types). Only that build skips the
    // second check (DC_TYPES_ALREADY_CHECKED=1, set by the test script); every other build keeps it.
    ignoreBuildErrors: process.env.DC_TYPES_ALREADY_CHECKED === '1',
  },
  // The development server refuses its live-reload connection from hosts it does not know: the hub
  // is opened as 127.0.0.1 as often as localhost (the browser tests do).
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
  sassOptions: {
    loadPaths: [path.join(__dirname, 'node_modules')],
    quietDeps: true,
    silenceDeprecations: ['import', 'global-builtin', 'slash-div'],
  },
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
