// Replaced by esbuild at build time with the version in package.json.
declare const PGW_VERSION: string;

export const VERSION: string = PGW_VERSION;
