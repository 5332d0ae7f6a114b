// `npm start`: a real VS Code in the browser, served on 127.0.0.1, with the packaged extension
// installed, a fresh copy of the sample workspace open and a demo gateway (the project's mock, seeded with the
// groups the samples would leave) configured in the explorer. Ctrl-C stops it and everything it started.
import * as path from 'node:path';
import { freshSamplesCopy } from './demo/samplesCopy';
import { DEMO_CODE_SERVER_ENV, DEMO_GATEWAY_NAME, demoSettings, demoWorkbenchUrl, SAMPLES_GATEWAY_PORT, startDemoGateway } from './demo/demoGateway';
import { BASE_USER_SETTINGS, createRunFolders, installVsix, startCodeServer, updateUserSettings } from './host/codeServer';
import { ensureHost } from './host/installHost';
import { packageExtension } from './host/packageExtension';
import { repoRoot } from './host/paths';
import { findFreePort, isPortFree } from './host/processes';

const PREFERRED_PORT = 8080;

async function choosePort(): Promise<number> {
  const requested = process.env.PORT;
  if (requested !== undefined) {
    const port = Number(requested);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw new Error(`PORT="${requested}" is not a port number (1-65535)`);
    }
    return port;
  }
  return (await isPortFree(PREFERRED_PORT)) ? PREFERRED_PORT : findFreePort();
}

async function main(): Promise<void> {
  const root = repoRoot();
  const host = await ensureHost((line) => console.log(line));
  const demoDir = path.join(root, '.cache', 'demo');
  // The demo profile is kept between runs, so settings changed in the demo are not lost.
  const folders = createRunFolders(demoDir, BASE_USER_SETTINGS);
  console.log('Packaging the extension ...');
  const vsix = await packageExtension(path.join(demoDir, 'pushgateway-workbench.vsix'));
  await installVsix(host, folders, vsix);
  const samples = freshSamplesCopy(path.join(root, 'samples'), path.join(demoDir, 'samples'));
  const gateway = await startDemoGateway();
  updateUserSettings(folders, demoSettings(gateway.url), (message) => console.warn(message));
  const port = await choosePort();
  const server = await startCodeServer({ host, folders, port, testDriver: false, folderToOpen: samples, env: DEMO_CODE_SERVER_ENV });
  let stopping = false;
  const stop = () => {
    if (stopping) {
      return;
    }
    stopping = true;
    console.log('\nStopping VS Code and the demo gateway ...');
    void Promise.all([server.stop(), gateway.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  void server.exited.then((code) => {
    if (!stopping) {
      console.error(`code-server stopped unexpectedly (code ${code}). Log: ${folders.logFile}`);
      process.exit(1);
    }
  });
  console.log(`Demo gateway "${DEMO_GATEWAY_NAME}" (the project's mock, seeded) on ${gateway.url}.`);
  if (!gateway.url.endsWith(`:${SAMPLES_GATEWAY_PORT}`)) {
    console.log(`Port ${SAMPLES_GATEWAY_PORT} was taken: the sample scripts' default URL does not reach the demo gateway; type ${gateway.url} when a push asks for $PUSHGATEWAY.`);
  }
  console.log(`\nPushgateway Workbench is running in VS Code: ${demoWorkbenchUrl(server.url, samples)}`);
  console.log('Open that URL in a browser. Press Ctrl-C to stop.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
