import { parseGatewayList } from './gatewayConfig';

/**
 * The raw entries of one scope of `pushgateway.gateways` (an array as settings.json holds it), with
 * the entry the explorer lists under `name` replaced by `edited` (its other fields kept) or, without
 * `edited`, removed. Every other entry is kept as it is, even an invalid one. Undefined when no entry
 * of this scope is listed under that name.
 */
export function withGatewayEntry(raw: unknown, name: string, edited?: { readonly name: string; readonly url: string }): unknown[] | undefined {
  if (!Array.isArray(raw)) {
    return undefined;
  }
  // The name an entry is listed under, as parseGatewayList derives it (a missing name is the URL's host).
  const index = raw.findIndex((entry) => parseGatewayList([entry]).gateways[0]?.name === name);
  if (index < 0) {
    return undefined;
  }
  const entries = [...raw];
  if (edited) {
    entries[index] = { ...(raw[index] as Record<string, unknown>), name: edited.name, url: edited.url };
  } else {
    entries.splice(index, 1);
  }
  return entries;
}
