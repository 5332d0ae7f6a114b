/** `job=backup_db instance=db1`: the job first, then the other grouping labels by name. */
export function formatGroupingLabels(labels: Readonly<Record<string, string>>): string {
  const names = Object.keys(labels).sort((a, b) => (a === 'job' ? -1 : b === 'job' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return names.map((name) => `${name}=${labels[name] === '' ? '""' : labels[name]}`).join(' ');
}
