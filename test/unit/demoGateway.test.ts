import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO_GROUPS, groupLabel, seedDemoGateway } from '../../scripts/demo/demoGateway';
import { formatGroupingLabels } from '../../src/core/protocol/labelText';
import { assessGroup, DEFAULT_LAST_SUCCESS_PATTERN } from '../../src/core/groups/groupHealth';
import { GatewayClient } from '../../src/core/gateway/client';
import { MockGateway, startMockGateway } from '../../src/core/mock';
import { findDeleteCommands, findMetricHeredocs } from '../../src/core/shell/heredocs';

const NOW = 1_764_000_000;
const SAMPLES = path.resolve(__dirname, '../../../samples');

describe('the demo gateway of npm start', () => {
  let gateway: MockGateway;
  let client: GatewayClient;

  before(async () => {
    gateway = await startMockGateway({ host: '127.0.0.1', port: 0, now: () => new Date(NOW * 1000) });
    client = new GatewayClient({ baseUrl: gateway.url });
    await seedDemoGateway(gateway.url, NOW);
  });

  after(async () => {
    await client.close();
    await gateway.close();
  });

  it('holds a healthy, a stale, a failed and an in-progress group, as the explorer judges them by default', async () => {
    const groups = await client.groups();
    assert.ok(groups.ok);
    const health = Object.fromEntries(
      groups.value.map((group) => [formatGroupingLabels(group.labels), assessGroup(group, { nowSeconds: NOW, staleAfterSeconds: 25 * 3600, lastSuccessPattern: DEFAULT_LAST_SUCCESS_PATTERN }).health]),
    );
    assert.deepEqual(health, {
      [groupLabel(DEMO_GROUPS.healthy)]: 'healthy',
      [groupLabel(DEMO_GROUPS.stale)]: 'stale',
      [groupLabel(DEMO_GROUPS.failed)]: 'failed',
      [groupLabel(DEMO_GROUPS.inProgress)]: 'healthy',
    });
  });

  it('holds the groups the sample scripts push to', () => {
    const jobs = new Set<string>();
    for (const file of fs.readdirSync(path.join(SAMPLES, 'scripts'))) {
      const script = fs.readFileSync(path.join(SAMPLES, 'scripts', file), 'utf8');
      const urls = [...findMetricHeredocs(script).map((heredoc) => heredoc.push?.url ?? ''), ...findDeleteCommands(script).map((command) => command.url)];
      for (const url of urls) {
        const job = /\/metrics\/job\/(\w+)/.exec(url)?.[1];
        if (job) {
          jobs.add(job);
        }
      }
    }
    jobs.add(/job="(\w+)"/.exec(fs.readFileSync(path.join(SAMPLES, 'python', 'push_report.py'), 'utf8'))?.[1] ?? 'python script has no job');
    assert.deepEqual(
      [...jobs].sort(),
      Object.values(DEMO_GROUPS)
        .map((key) => key.job)
        .sort(),
    );
  });
});
