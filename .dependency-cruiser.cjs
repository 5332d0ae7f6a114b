// Dependency rules for src/, run by `npm run lint` (depcruise src).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules that import each other (directly or through others) cannot be understood, tested or moved one at a time.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    // Resolve and parse with TypeScript before it drops imports: type-only imports count as dependencies too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|out|\\.cache)/' },
  },
};
