import { cleanPath } from '../../../goemu/goUrl';
import { Tree } from './tree';

// httprouter 1.3.0's ServeHTTP decisions (RedirectTrailingSlash, RedirectFixedPath,
// HandleMethodNotAllowed and HandleOPTIONS all on, as prometheus/common's route.New() leaves them):
// what to do with a method and a (cleaned, decoded) byte-string path.

export type RouteResult<H> =
  | { kind: 'handle'; handle: H; params: ReadonlyMap<string, string> }
  /** 301 for GET, 307 for other methods, to `path` (a byte string, not yet escaped). */
  | { kind: 'redirect'; status: 301 | 307; path: string }
  /** OPTIONS without a route of its own: 200 with this Allow header. */
  | { kind: 'options'; allow: string }
  | { kind: 'methodNotAllowed'; allow: string }
  | { kind: 'notFound' };

export class Router<H> {
  private readonly trees = new Map<string, Tree<H>>();

  add(method: string, path: string, handle: H): void {
    let tree = this.trees.get(method);
    if (tree === undefined) {
      tree = new Tree<H>();
      this.trees.set(method, tree);
    }
    tree.add(path, handle);
  }

  route(method: string, path: string): RouteResult<H> {
    const tree = this.trees.get(method);
    if (tree !== undefined) {
      const found = tree.lookup(path);
      if (found.handle !== undefined) {
        return { kind: 'handle', handle: found.handle, params: new Map(found.params.map((param) => [param.key, param.value])) };
      }
      if (method !== 'CONNECT' && path !== '/') {
        const status = method === 'GET' ? 301 : 307;
        if (found.tsr) {
          return { kind: 'redirect', status, path: path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : `${path}/` };
        }
        const fixed = tree.fixedPath(cleanPath(path), true);
        if (fixed !== undefined) {
          return { kind: 'redirect', status, path: fixed };
        }
      }
    }
    const allow = this.allowed(path, method);
    if (allow === '') {
      return { kind: 'notFound' };
    }
    return method === 'OPTIONS' ? { kind: 'options', allow } : { kind: 'methodNotAllowed', allow };
  }

  /** The methods with a route for this path, plus OPTIONS, sorted; empty when there is none. */
  private allowed(path: string, requestMethod: string): string {
    const allowed: string[] = [];
    for (const [method, tree] of this.trees) {
      if (method !== requestMethod && method !== 'OPTIONS' && tree.lookup(path).handle !== undefined) {
        allowed.push(method);
      }
    }
    if (allowed.length === 0) {
      return '';
    }
    allowed.push('OPTIONS');
    return allowed.sort().join(', ');
  }
}
