// The demo gateway of `npm start` and `npm run screenshots`: the project's mock Pushgateway (what
// `pgw mock` runs) filled with the groups the sample scripts in samples/ would leave behind: a healthy
// backup, a stale log cleanup, a report mailer whose last push failed, a migration in progress.
import * as path from 'node:path';
import { formatGroupingLabels } from '../../src/core/protocol/labelText';
import { PushMethod } from '../../src/core/protocol/pushMethod';
import { GatewayClient } from '../../src/core/gateway/client';
import { GroupingKey } from '../../src/core/protocol/groupingKey';
import { MockGateway, startMockGateway } from '../../src/core/mock';
import { isPortFree } from '../../src/core/ports';
import { SHOW_GATEWAYS_ON_START_ENV } from '../../src/explorer/explorerView';

/** The port the sample scripts push to (`PUSHGATEWAY=${PUSHGATEWAY:-http://127.0.0.1:9091}`). */
export const SAMPLES_GATEWAY_PORT = 9091;
export const DEMO_GATEWAY_NAME = 'demo';
const DAY_SECONDS = 24 * 60 * 60;

export const DEMO_GROUPS = {
  healthy: { job: 'backup_db', labels: { instance: 'db1' } },
  stale: { job: 'clean_logs', labels: {} },
  failed: { job: 'report_mailer', labels: {} },
  inProgress: { job: 'orders_migration', labels: {} },
} satisfies Record<string, GroupingKey>;

/** The tree label of a group: the explorer's own wording (`job=... label=value`). */
export function groupLabel(key: GroupingKey): string {
  return formatGroupingLabels({ job: key.job, ...key.labels });
}

function gauge(name: string, help: string, value: number | string, labels = ''): string[] {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, `${name}${labels} ${value}`];
}

async function push(client: GatewayClient, key: GroupingKey, method: PushMethod, lines: string[], expectRefusal = false): Promise<void> {
  const outcome = await client.push({ key, method, body: `${lines.join('\n')}\n` });
  if (outcome.ok === expectRefusal) {
    const detail = outcome.ok ? 'was accepted' : `failed: ${outcome.error.message}`;
    throw new Error(`seeding the demo gateway: ${method} ${groupLabel(key)} ${detail}, which the demo does not expect`);
  }
}

/** Pushes the demo groups; `nowSeconds` is the time the healthy ones last succeeded. */
export async function seedDemoGateway(url: string, nowSeconds: number): Promise<void> {
  const now = Math.floor(nowSeconds);
  const client = new GatewayClient({ baseUrl: url });
  try {
    await push(client, DEMO_GROUPS.healthy, 'PUT', [
      ...gauge('backup_db_size_bytes', 'Size of the last database backup.', 73400320, '{database="orders"}'),
      ...gauge('backup_db_duration_seconds', 'How long the backup took.', 412),
      ...gauge('backup_db_last_success_unixtime', 'When the last backup succeeded, in Unix seconds.', now - 6 * 3600),
    ]);
    await push(client, DEMO_GROUPS.stale, 'PUT', [
      '# HELP clean_logs_deleted_files_total Log files deleted by the last run.',
      '# TYPE clean_logs_deleted_files_total counter',
      'clean_logs_deleted_files_total 1832',
      ...gauge('clean_logs_last_success_unixtime', 'When the last cleanup succeeded, in Unix seconds.', now - 3 * DAY_SECONDS),
    ]);
    await push(client, DEMO_GROUPS.failed, 'PUT', [
      ...gauge('report_mailer_reports_sent', 'Reports mailed by the last run.', 2),
      ...gauge('report_mailer_last_success_unixtime', 'When the last run succeeded, in Unix seconds.', now - 20 * 3600),
    ]);
    // A sample with a timestamp: the gateway answers 400 and records the failed push for the group.
    await push(client, DEMO_GROUPS.failed, 'POST', ['# TYPE report_mailer_reports_sent gauge', `report_mailer_reports_sent 0 ${now * 1000}`], true);
    await push(client, DEMO_GROUPS.inProgress, 'PUT', [
      ...gauge('orders_migration_rows_done', 'Rows migrated so far.', 1_240_000),
      ...gauge('orders_migration_rows_planned', 'Rows left to migrate when the migration started.', 3_800_000),
      ...gauge('orders_migration_started_unixtime', 'When the migration started, in Unix seconds.', now - 2 * 3600),
    ]);
  } finally {
    await client.close();
  }
}

/**
 * Starts the demo gateway on 127.0.0.1:9091, where the sample scripts push, or on a free port when
 * 9091 is taken (then the scripts' CodeLens targets another address than the explorer shows), and
 * seeds it.
 */
export async function startDemoGateway(nowSeconds = Date.now() / 1000): Promise<MockGateway> {
  const port = (await isPortFree(SAMPLES_GATEWAY_PORT)) ? SAMPLES_GATEWAY_PORT : 0;
  const gateway = await startMockGateway({ host: '127.0.0.1', port });
  try {
    await seedDemoGateway(gateway.url, nowSeconds);
  } catch (error) {
    await gateway.close();
    throw error;
  }
  return gateway;
}

/** User settings that show the demo gateway in the explorer and keep the embedded mock off its port. */
export function demoSettings(gatewayUrl: string): Record<string, unknown> {
  const port = Number(new URL(gatewayUrl).port);
  return {
    'pushgateway.gateways': [{ name: DEMO_GATEWAY_NAME, url: gatewayUrl }],
    'pushgateway.mock.port': port === SAMPLES_GATEWAY_PORT ? SAMPLES_GATEWAY_PORT + 1 : SAMPLES_GATEWAY_PORT,
    // The samples folder sits inside this repository; without this VS Code offers to open the repository.
    'git.openRepositoryInParentFolders': 'never',
    // code-server offers every port the extension host listens on (the embedded mock) for forwarding.
    'remote.autoForwardPorts': false,
  };
}

/** The environment code-server gets for the demo: the extension shows its Gateways view as it starts. */
export const DEMO_CODE_SERVER_ENV = { [SHOW_GATEWAYS_ON_START_ENV]: '1' };

/** The sample the demo opens first: highlighting, CodeLens and deliberate mistakes on one screen. */
export const DEMO_FIRST_FILE = path.join('scripts', 'clean_logs.sh');

/** The address of the demo workbench: the samples folder, with the first file open (VS Code's web `payload` parameter). */
export function demoWorkbenchUrl(serverUrl: string, samples: string): string {
  const firstFile = `vscode-remote://${new URL(serverUrl).host}${path.join(samples, DEMO_FIRST_FILE)}`;
  return `${serverUrl}/?folder=${encodeURIComponent(samples)}&payload=${encodeURIComponent(JSON.stringify([['openFile', firstFile]]))}`;
}
