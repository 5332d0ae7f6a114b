import { GroupingKey } from './groupingKey';
import { checkGroupingLabelName } from './labelNames';
import { failure, Result, success } from '../result';

/**
 * Reads a grouping key typed by a person: `job=backup_db,instance=db1` (commas or spaces between
 * pairs; a value may be quoted to hold commas or spaces: `path="/var/my dir"`).
 */
export function parseGroupingKeyText(text: string): Result<GroupingKey> {
  const labels: Record<string, string> = {};
  let job: string | undefined;
  let rest = text.trim();
  while (rest.length > 0) {
    const pair = /^([^=\s,]+)\s*=\s*("((?:[^"\\]|\\.)*)"|[^,\s]*)\s*(?:,\s*)?/.exec(rest);
    if (!pair) {
      return failure(`expected name=value pairs such as job=backup_db,instance=db1, not "${rest}"`);
    }
    const [whole, name, raw, quoted] = pair;
    const value = quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : raw;
    if (name === 'job') {
      if (job !== undefined) {
        return failure('the job is given twice');
      }
      job = value;
    } else {
      const problem = checkGroupingLabelName(name);
      if (problem) {
        return failure(problem);
      }
      if (name in labels) {
        return failure(`the label ${name} is given twice`);
      }
      labels[name] = value;
    }
    rest = rest.slice(whole.length).trimStart();
  }
  if (!job) {
    return failure('a grouping key needs a job: job=<name>');
  }
  return success({ job, labels });
}

/** The inverse, for remembering and showing a key: `job=backup_db,instance=db1`. */
export function formatGroupingKeyText(key: GroupingKey): string {
  const quote = (value: string) => (/^[^,\s"=]*$/.test(value) && value !== '' ? value : `"${value.replace(/(["\\])/g, '\\$1')}"`);
  return [`job=${quote(key.job)}`, ...Object.entries(key.labels).map(([name, value]) => `${name}=${quote(value)}`)].join(',');
}

/** Moved to documentLines, beside the other reader of a gateway's line; kept here for its callers outside core. */
