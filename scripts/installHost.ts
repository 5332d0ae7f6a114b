// `npm run host:install`: puts the offline VS Code host (Node 24 + code-server) into the cache.
import { ensureHost } from './host/installHost';

ensureHost((line) => console.log(line)).then(
  (host) => console.log(`VS Code host ready: ${host.codeServer}`),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  },
);
