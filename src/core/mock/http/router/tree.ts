// The radix tree of julienschmidt/httprouter 1.3.0 (the router behind the Pushgateway's routes),
// ported for its lookup behaviour: a match with its parameters, the trailing-slash
// recommendation, and the case-insensitive lookup that RedirectFixedPath uses. Paths are byte
// strings (one char per byte, latin1) so that every index means what it means in Go. Only the
// route shapes the gateway registers are supported (no wildcard conflicts, no priorities: the
// order of children does not change any answer for these routes).

const enum NodeType {
  Static,
  Root,
  Param,
  CatchAll,
}

interface Node<H> {
  path: string;
  wildChild: boolean;
  type: NodeType;
  indices: string;
  children: Node<H>[];
  handle?: H;
}

export interface Param {
  key: string;
  value: string;
}

export interface Lookup<H> {
  handle?: H;
  params: Param[];
  /** Trailing slash recommendation: a handle exists with one slash more or less. */
  tsr: boolean;
}

function newNode<H>(type: NodeType = NodeType.Static): Node<H> {
  return { path: '', wildChild: false, type, indices: '', children: [] };
}

function countParams(path: string): number {
  let count = 0;
  for (const char of path) {
    if (char === ':' || char === '*') {
      count++;
    }
  }
  return count;
}

export class Tree<H> {
  private readonly root: Node<H> = newNode();

  /** addRoute. */
  add(path: string, handle: H): void {
    const root = this.root;
    if (root.path.length === 0 && root.children.length === 0) {
      insertChild(root, countParams(path), path, handle);
      root.type = NodeType.Root;
      return;
    }
    addToNode(root, path, handle);
  }

  lookup(path: string): Lookup<H> {
    return getValue(this.root, path);
  }

  /** findCaseInsensitivePath: the path with its case (and, optionally, trailing slash) corrected, or undefined. */
  fixedPath(path: string, fixTrailingSlash: boolean): string | undefined {
    return findCaseInsensitive(this.root, path, '', fixTrailingSlash);
  }
}

function addToNode<H>(start: Node<H>, fullPath: string, handle: H): void {
  let n = start;
  let path = fullPath;
  for (;;) {
    let i = 0;
    const max = Math.min(path.length, n.path.length);
    while (i < max && path[i] === n.path[i]) {
      i++;
    }
    if (i < n.path.length) {
      const child: Node<H> = { path: n.path.slice(i), wildChild: n.wildChild, type: NodeType.Static, indices: n.indices, children: n.children, handle: n.handle };
      n.children = [child];
      n.indices = n.path[i];
      n.path = path.slice(0, i);
      n.handle = undefined;
      n.wildChild = false;
    }
    if (i === path.length) {
      n.handle = handle;
      return;
    }
    path = path.slice(i);
    if (n.wildChild) {
      n = n.children[0];
      continue;
    }
    const c = path[0];
    if (n.type === NodeType.Param && c === '/' && n.children.length === 1) {
      n = n.children[0];
      continue;
    }
    const index = n.indices.indexOf(c);
    if (index >= 0) {
      n = n.children[index];
      continue;
    }
    if (c !== ':' && c !== '*') {
      n.indices += c;
      const child = newNode<H>();
      n.children.push(child);
      n = child;
    }
    insertChild(n, countParams(path), path, handle);
    return;
  }
}

function insertChild<H>(start: Node<H>, paramCount: number, path: string, handle: H): void {
  let n = start;
  let offset = 0;
  let params = paramCount;
  for (let i = 0; params > 0; i++) {
    const c = path[i];
    if (c !== ':' && c !== '*') {
      continue;
    }
    let end = i + 1;
    while (end < path.length && path[end] !== '/') {
      end++;
    }
    if (c === ':') {
      if (i > 0) {
        n.path = path.slice(offset, i);
        offset = i;
      }
      const child = newNode<H>(NodeType.Param);
      n.children = [child];
      n.wildChild = true;
      n = child;
      params--;
      if (end < path.length) {
        n.path = path.slice(offset, end);
        offset = end;
        const next = newNode<H>();
        n.children = [next];
        n = next;
      }
    } else {
      // catch-all: "/" before it belongs to a node of its own (fixed width 1).
      n.path = path.slice(offset, i - 1);
      const catchAll = newNode<H>(NodeType.CatchAll);
      catchAll.wildChild = true;
      n.children = [catchAll];
      n.indices = path[i - 1];
      n = catchAll;
      const holder = newNode<H>(NodeType.CatchAll);
      holder.path = path.slice(i - 1);
      holder.handle = handle;
      n.children = [holder];
      return;
    }
  }
  n.path = path.slice(offset);
  n.handle = handle;
}

function getValue<H>(root: Node<H>, requestPath: string): Lookup<H> {
  let n = root;
  let path = requestPath;
  const params: Param[] = [];
  for (;;) {
    if (path.length > n.path.length) {
      if (path.slice(0, n.path.length) !== n.path) {
        return { params, tsr: false };
      }
      path = path.slice(n.path.length);
      if (!n.wildChild) {
        const index = n.indices.indexOf(path[0]);
        if (index >= 0) {
          n = n.children[index];
          continue;
        }
        return { params, tsr: path === '/' && n.handle !== undefined };
      }
      n = n.children[0];
      if (n.type === NodeType.Param) {
        let end = 0;
        while (end < path.length && path[end] !== '/') {
          end++;
        }
        params.push({ key: n.path.slice(1), value: path.slice(0, end) });
        if (end < path.length) {
          if (n.children.length > 0) {
            path = path.slice(end);
            n = n.children[0];
            continue;
          }
          return { params, tsr: path.length === end + 1 };
        }
        if (n.handle !== undefined) {
          return { handle: n.handle, params, tsr: false };
        }
        const tsr = n.children.length === 1 && n.children[0].path === '/' && n.children[0].handle !== undefined;
        return { params, tsr };
      }
      // catch-all
      params.push({ key: n.path.slice(2), value: path });
      return { handle: n.handle, params, tsr: false };
    }
    if (path === n.path) {
      if (n.handle !== undefined) {
        return { handle: n.handle, params, tsr: false };
      }
      if (path === '/' && n.wildChild && n.type !== NodeType.Root) {
        return { params, tsr: true };
      }
      const index = n.indices.indexOf('/');
      if (index >= 0) {
        const child = n.children[index];
        const tsr = (child.path.length === 1 && child.handle !== undefined) || (child.type === NodeType.CatchAll && child.children[0].handle !== undefined);
        return { params, tsr };
      }
      return { params, tsr: false };
    }
    const tsr = path === '/' || (n.path.length === path.length + 1 && n.path[path.length] === '/' && path === n.path.slice(0, -1) && n.handle !== undefined);
    return { params, tsr };
  }
}

/** Case folding of ASCII letters only: the tree holds ASCII routes and the path is a byte string. */
function foldAscii(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function equalFoldAscii(a: string, b: string): boolean {
  return a.length === b.length && foldAscii(a) === foldAscii(b);
}

function asciiLower(c: string): string {
  return c >= 'A' && c <= 'Z' ? c.toLowerCase() : c;
}

function asciiUpper(c: string): string {
  return c >= 'a' && c <= 'z' ? c.toUpperCase() : c;
}

/** findCaseInsensitivePathRec for ASCII trees; request bytes outside ASCII only match themselves. */
function findCaseInsensitive<H>(start: Node<H>, requestPath: string, prefix: string, fixTrailingSlash: boolean): string | undefined {
  let n = start;
  let path = requestPath;
  let ciPath = prefix;
  for (;;) {
    const nodeLength = n.path.length;
    if (!(path.length >= nodeLength && (nodeLength === 0 || equalFoldAscii(path.slice(1, nodeLength), n.path.slice(1))))) {
      break;
    }
    path = path.slice(nodeLength);
    ciPath += n.path;
    if (path.length > 0) {
      if (!n.wildChild) {
        const next = path[0];
        const lowerIndex = n.indices.indexOf(asciiLower(next));
        if (lowerIndex >= 0) {
          const found = findCaseInsensitive(n.children[lowerIndex], path, ciPath, fixTrailingSlash);
          if (found !== undefined) {
            return found;
          }
        }
        const upper = asciiUpper(next);
        const upperIndex = upper !== asciiLower(next) ? n.indices.indexOf(upper) : -1;
        if (upperIndex >= 0) {
          n = n.children[upperIndex];
          continue;
        }
        return fixTrailingSlash && path === '/' && n.handle !== undefined ? ciPath : undefined;
      }
      n = n.children[0];
      if (n.type === NodeType.Param) {
        let end = 0;
        while (end < path.length && path[end] !== '/') {
          end++;
        }
        ciPath += path.slice(0, end);
        if (end < path.length) {
          if (n.children.length > 0) {
            path = path.slice(end);
            n = n.children[0];
            continue;
          }
          return fixTrailingSlash && path.length === end + 1 ? ciPath : undefined;
        }
        if (n.handle !== undefined) {
          return ciPath;
        }
        if (fixTrailingSlash && n.children.length === 1 && n.children[0].path === '/' && n.children[0].handle !== undefined) {
          return `${ciPath}/`;
        }
        return undefined;
      }
      return ciPath + path;
    }
    if (n.handle !== undefined) {
      return ciPath;
    }
    if (fixTrailingSlash) {
      const index = n.indices.indexOf('/');
      if (index >= 0) {
        const child = n.children[index];
        const ok = (child.path.length === 1 && child.handle !== undefined) || (child.type === NodeType.CatchAll && child.children[0].handle !== undefined);
        return ok ? `${ciPath}/` : undefined;
      }
    }
    return undefined;
  }
  if (fixTrailingSlash) {
    if (path === '/') {
      return ciPath;
    }
    if (path.length + 1 === n.path.length && n.path[path.length] === '/' && equalFoldAscii(path.slice(1), n.path.slice(1, path.length)) && n.handle !== undefined) {
      return ciPath + n.path;
    }
  }
  return undefined;
}
