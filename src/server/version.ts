declare const VERSION: string;

/** The package version, put in by the bundler (scripts/build.mjs); source run by tsx has none. */
export const SERVER_VERSION = typeof VERSION === 'string' ? VERSION : '0.0.0-dev';
