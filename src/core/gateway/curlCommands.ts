import { buildPushPath, GroupingKey } from '../protocol/groupingKey';
import { Result, success } from '../result';

/** Quotes a word for a POSIX shell. */
function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The curl commands that push to a group (PUT replaces it, as prometheus_client's push_to_gateway
 * does) and that delete it, with base64 path segments where the values need them.
 */
export function curlCommandsFor(baseUrl: string, key: GroupingKey): Result<string> {
  const base = new URL(baseUrl);
  const path = buildPushPath(key, base.pathname);
  if (!path.ok) {
    return path;
  }
  const url = shellQuote(`${base.origin}${path.value}`);
  return success(
    [
      '# Push (replaces the whole group); the metrics come from standard input:',
      `curl --fail-with-body -X PUT --data-binary @- ${url} <<'EOF'`,
      '# TYPE example_metric gauge',
      'example_metric 1',
      'EOF',
      '',
      '# Delete the group:',
      `curl --fail-with-body -X DELETE ${url}`,
      '',
    ].join('\n'),
  );
}
