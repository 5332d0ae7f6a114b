// prometheus_client in Python, read on tree-sitter-python: the calls of push_to_gateway,
// pushadd_to_gateway and delete_from_gateway (under any alias `from prometheus_client import ...`
// or `import prometheus_client as ...` gives them), their job, grouping_key, gateway and registry,
// and the Gauge/Counter/Histogram/Summary/Info/Enum declarations with the registry each goes to.
// Also the pushes a script sends itself with requests, httpx or urllib (`requests.post(URL,
// data=BODY)`, `urllib.request.Request(URL, data=BODY, method="PUT")` to a `/metrics/job/...` URL),
// with the body when the code spells it out.
// Nothing is run: values are read where the code spells them out, or from a name assigned a literal.
import { Span } from '../exposition/model';
import { TreeNode } from '../shell/tree/shellParser';
import { ClientReader, descendants, followedName, spanOf } from './codeTree';
import { pythonStringBody, pythonStringValue, pythonStringWritten, withoutParentheses } from './pythonStrings';
import {
  ClientAnalysis,
  ClientMetricType,
  ClientPushSite,
  CodeValue,
  DeclaredMetric,
  GroupingPair,
  GROUP_DELETE,
  GROUP_PATH,
  HttpPushSite,
  MAX_BODY_LITERAL,
  POST_PUSH,
  PUT_PUSH,
  SiteAction,
} from './clientSite';
import { PushMethod, pushMethodNamed } from '../protocol/pushMethod';

const PUSH_FUNCTIONS: Readonly<Record<string, SiteAction>> = {
  push_to_gateway: PUT_PUSH,
  pushadd_to_gateway: POST_PUSH,
  delete_from_gateway: GROUP_DELETE,
};

const METRIC_CLASSES: Readonly<Record<string, ClientMetricType>> = {
  Counter: 'counter',
  Gauge: 'gauge',
  Histogram: 'histogram',
  Summary: 'summary',
  Info: 'info',
  Enum: 'enum',
};

/** How a call of an HTTP library sends a body: its positional parameters, the keywords of the body, and the method (or the parameter that names it). */
interface HttpSend {
  readonly parameters: readonly string[];
  readonly bodyKeywords: readonly string[];
  readonly method?: PushMethod;
  readonly methodParameter?: string;
  /** Without a body the call is a GET (urllib), not a push. */
  readonly bodyRequired?: boolean;
  /** The library sends the method upper-cased (requests, httpx); urllib sends it as written. */
  readonly methodUpperCased?: boolean;
}

const REQUESTS_SEND = { parameters: ['url', 'data'], bodyKeywords: ['data'] };
/** httpx takes the body by keyword only: `content=` for text, `data=` (meant for forms) takes text too. */
const HTTPX_SEND = { parameters: ['url'], bodyKeywords: ['content', 'data'] };

/** The calls that send a body, by qualified name: `urllib.request.Request` sends with urlopen, POST unless `method=` says otherwise. */
const HTTP_SENDS: Readonly<Record<string, HttpSend>> = {
  'requests.post': { ...REQUESTS_SEND, method: 'POST' },
  'requests.put': { ...REQUESTS_SEND, method: 'PUT' },
  'httpx.post': { ...HTTPX_SEND, method: 'POST' },
  'httpx.put': { ...HTTPX_SEND, method: 'PUT' },
  'requests.request': { parameters: ['method', 'url', 'params', 'data'], bodyKeywords: ['data'], methodParameter: 'method', methodUpperCased: true },
  'httpx.request': { parameters: ['method', 'url'], bodyKeywords: ['content', 'data'], methodParameter: 'method', methodUpperCased: true },
  'urllib.request.urlopen': { parameters: ['url', 'data', 'timeout'], bodyKeywords: ['data'], method: 'POST', bodyRequired: true },
  'urllib.request.Request': { parameters: ['url', 'data', 'headers', 'origin_req_host', 'unverifiable', 'method'], bodyKeywords: ['data'], methodParameter: 'method', bodyRequired: true },
};
const URLOPEN = 'urllib.request.urlopen';
const REQUEST = 'urllib.request.Request';
const HTTP_MODULES = new Set(['requests', 'httpx', 'urllib', 'urllib.request']);
/** The calls that make a session or client whose post() and put() send as the library's own do. */
const HTTP_SESSIONS: Readonly<Record<string, string>> = { 'requests.Session': 'requests', 'requests.session': 'requests', 'httpx.Client': 'httpx' };

// Positional parameters, as the client declares them.
const PUSH_PARAMETERS = ['gateway', 'job', 'registry', 'grouping_key'];
const DELETE_PARAMETERS = ['gateway', 'job', 'grouping_key'];
const METRIC_PARAMETERS = ['name', 'documentation', 'labelnames', 'namespace', 'subsystem', 'unit', 'registry'];

/** How many functions deep a grouping key is followed (`return make_key()` inside `key()`). */
const MAX_KEY_FUNCTIONS = 3;

/** The registry a metric without `registry=` goes to, and push_to_gateway's name for it. */
const DEFAULT_REGISTRY = 'REGISTRY';

/** prometheus_client, in any file naming it. */
export const PYTHON_CLIENT: ClientReader = { markers: ['prometheus_client', GROUP_PATH], read: (root) => new PythonReader(root).read() };

interface Call {
  readonly node: TreeNode;
  readonly canonical: string;
}

class PythonReader {
  /** Local names bound to a prometheus_client name: `from prometheus_client import Gauge as G` gives G → Gauge. */
  private readonly imported = new Map<string, string>();
  /** Local names bound to prometheus_client or one of its modules: `import prometheus_client as pc`. */
  private readonly modules = new Set<string>();
  /** Local names bound to an HTTP library (`import requests as rq`) or to one of its functions (`from httpx import put`), with the qualified name each stands for. */
  private readonly httpNames = new Map<string, string>();
  /** Every `name = value` of the file, in order, to follow a name to what it was assigned. */
  private readonly assignments = new Map<string, TreeNode[]>();
  /** Every binding of a name other than `name = value` (`+=`, `for name in`, `(name := ...)`, `a, name = ...`, `except ... as name`): such a name's value is not followed in its scope. */
  private readonly rebound = new Map<string, TreeNode[]>();

  constructor(private readonly root: TreeNode) {}

  read(): ClientAnalysis {
    this.readImports();
    this.readAssignments();
    const calls = descendants(this.root, 'call').flatMap((node): Call[] => {
      const canonical = this.canonicalName(node.childForFieldName('function'));
      return canonical === undefined ? [] : [{ node, canonical }];
    });
    const declared = calls.filter((call) => METRIC_CLASSES[call.canonical] !== undefined).map((call) => ({ registry: this.metricRegistry(call.node), metric: this.declaredMetric(call) }));
    const sites = calls
      .filter((call) => PUSH_FUNCTIONS[call.canonical] !== undefined)
      .map((call) => {
        const site = this.pushSite(call);
        const registry = site.action === 'push' ? this.registryKey(argument(call.node, PUSH_PARAMETERS, 'registry')) : undefined;
        const metrics = registry === undefined ? [] : declared.filter((entry) => entry.registry === registry).map((entry) => entry.metric);
        return { ...site, metrics, metricsKnown: registry !== undefined && metrics.length > 0 };
      });
    return { sites, metrics: declared.map((entry) => entry.metric), httpPushes: this.httpPushes() };
  }

  /** `requests.post(URL, data=BODY)`, `httpx.put(URL, content=BODY)`, `urllib.request.Request(URL, data=BODY, method="PUT")`... to a URL of a Pushgateway group. */
  private httpPushes(): HttpPushSite[] {
    return descendants(this.root, 'call').flatMap((call): HttpPushSite[] => {
      const called = this.httpFunction(call.childForFieldName('function'));
      const send = called === undefined ? undefined : HTTP_SENDS[called];
      if (called === undefined || send === undefined) {
        return [];
      }
      // `urlopen(request, data)`: the URL and method are the Request's.
      const passed = argument(call, send.parameters, 'url');
      const request = called === URLOPEN && passed !== undefined ? this.valueAt(passed, call) : undefined;
      const requestCall = request?.type === 'call' && this.httpFunction(request.childForFieldName('function')) === REQUEST ? request : undefined;
      const urlNode = requestCall === undefined ? passed : argument(requestCall, HTTP_SENDS[REQUEST].parameters, 'url');
      const urlValue = urlNode && this.valueAt(urlNode, requestCall ?? call);
      if (urlNode === undefined || urlValue === undefined || !urlValue.text.includes(GROUP_PATH)) {
        return [];
      }
      const method = requestCall === undefined ? (send.method ?? this.sentMethod(call, send)) : this.sentMethod(requestCall, HTTP_SENDS[REQUEST]);
      // `data=None` sends no body.
      const bodyNode = send.bodyKeywords.map((keyword) => argument(call, send.parameters, keyword)).find((node) => node !== undefined && node.type !== 'none');
      if (method === null || (bodyNode === undefined && send.bodyRequired === true)) {
        return [];
      }
      const named = bodyNode === undefined ? undefined : this.valueAt(encodedString(bodyNode), call);
      const written = named === undefined ? undefined : encodedString(named);
      const body = written === undefined || written.text.length > MAX_BODY_LITERAL ? undefined : pythonStringBody(written);
      const lines = body !== undefined && written !== undefined ? written : call;
      return [
        {
          language: 'python',
          call: called,
          method,
          line: call.startPosition.row,
          endLine: call.endPosition.row,
          url: { text: pythonStringWritten(withoutParentheses(urlNode)), value: pythonStringValue(urlValue) },
          body,
          bodyLines: { start: lines.startPosition.row, end: lines.endPosition.row },
        },
      ];
    });
  }

  /** The method of a call that names it in a parameter (POST when left out); undefined when not literal, null for one that does not push (GET, DELETE). */
  private sentMethod(call: TreeNode, send: HttpSend): PushMethod | undefined | null {
    const node = send.methodParameter === undefined ? undefined : argument(call, send.parameters, send.methodParameter);
    if (node === undefined) {
      return 'POST';
    }
    const value = this.valueAt(node, call);
    const written = value === undefined ? undefined : pythonStringValue(value);
    if (written === undefined) {
      return undefined;
    }
    const method = send.methodUpperCased === true ? written.toUpperCase() : written;
    return pushMethodNamed(method);
  }

  /** `requests.post`, `rq.put` (rq bound to requests), `put` (imported from httpx), `urllib.request.Request`: the qualified name, for a name bound to an HTTP library. */
  private httpFunction(callee: TreeNode | null): string | undefined {
    if (callee?.type !== 'identifier' && callee?.type !== 'attribute') {
      return undefined;
    }
    return this.importedHttpName(callee) ?? this.sessionFunction(callee);
  }

  /** `rq.put` → `requests.put`: a name whose first part an import binds to an HTTP library or function, qualified. */
  private importedHttpName(callee: TreeNode): string | undefined {
    const [first, ...rest] = callee.text.split('.').map((part) => part.trim());
    const bound = this.httpNames.get(first);
    return bound === undefined ? undefined : [bound, ...rest].join('.');
  }

  /** `client.put` → `httpx.put` when `client` holds an httpx client there. */
  private sessionFunction(callee: TreeNode): string | undefined {
    const library = this.sessionLibrary(callee);
    const attribute = callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
    return library === undefined || attribute === undefined ? undefined : `${library}.${attribute}`;
  }

  /** For `client.put(...)`: the library whose session or client `client` holds there (`requests.Session()`, `with httpx.Client() as client`), as valueAt follows it. */
  private sessionLibrary(callee: TreeNode): string | undefined {
    const object = callee.type === 'attribute' ? callee.childForFieldName('object') : null;
    if (object?.type !== 'identifier' || this.httpNames.has(object.text)) {
      return undefined;
    }
    const value = this.valueAt(object, callee);
    const made = value?.type === 'call' ? value.childForFieldName('function') : null;
    const qualified = made?.type === 'attribute' || made?.type === 'identifier' ? this.importedHttpName(made) : undefined;
    return qualified === undefined ? undefined : HTTP_SESSIONS[qualified];
  }

  private readImports(): void {
    this.readHttpImports();
    for (const statement of descendants(this.root, 'import_from_statement')) {
      const module = statement.childForFieldName('module_name')?.text ?? '';
      if (!isClientModule(module)) {
        continue;
      }
      if (statement.children.some((child) => child?.type === 'wildcard_import')) {
        for (const name of [...Object.keys(PUSH_FUNCTIONS), ...Object.keys(METRIC_CLASSES), DEFAULT_REGISTRY]) {
          this.imported.set(name, name);
        }
      }
      for (const name of statement.childrenForFieldName('name')) {
        if (name?.type === 'aliased_import') {
          this.bindImport(name.childForFieldName('name')?.text, name.childForFieldName('alias')?.text);
        } else if (name) {
          this.bindImport(name.text, name.text);
        }
      }
    }
    for (const statement of descendants(this.root, 'import_statement')) {
      for (const name of statement.childrenForFieldName('name')) {
        if (name?.type === 'aliased_import') {
          const module = name.childForFieldName('name')?.text ?? '';
          const alias = name.childForFieldName('alias')?.text;
          if (isClientModule(module) && alias) {
            this.modules.add(alias);
          }
        } else if (name && isClientModule(name.text)) {
          // `import prometheus_client.exposition` binds `prometheus_client`.
          this.modules.add(name.text.split('.')[0]);
        }
      }
    }
  }

  /** `import requests`, `import httpx as hx`, `import urllib.request`, `from requests import post as send`. */
  private readHttpImports(): void {
    for (const statement of descendants(this.root, 'import_statement')) {
      for (const name of statement.childrenForFieldName('name')) {
        const aliased = name?.type === 'aliased_import';
        const module = aliased ? name.childForFieldName('name')?.text : name?.text;
        // `import urllib.request` (or `import requests.adapters`) binds its first name; `import urllib.request as ur` binds `ur` to urllib.request.
        const bound = aliased ? module : module?.split('.')[0];
        const local = aliased ? name.childForFieldName('alias')?.text : bound;
        if (bound !== undefined && local !== undefined && HTTP_MODULES.has(bound)) {
          this.httpNames.set(local, bound);
        }
      }
    }
    for (const statement of descendants(this.root, 'import_from_statement')) {
      const module = statement.childForFieldName('module_name')?.text ?? '';
      if (!HTTP_MODULES.has(module)) {
        continue;
      }
      const names = statement.children.some((child) => child?.type === 'wildcard_import')
        ? Object.keys(HTTP_SENDS).flatMap((qualified) => (qualified.startsWith(`${module}.`) ? [qualified.slice(module.length + 1)] : []))
        : statement.childrenForFieldName('name').map((name) => (name?.type === 'aliased_import' ? [name.childForFieldName('name')?.text, name.childForFieldName('alias')?.text] : name?.text));
      for (const name of names) {
        const [imported, local] = Array.isArray(name) ? name : [name, name];
        if (imported !== undefined && local !== undefined) {
          this.httpNames.set(local, `${module}.${imported}`);
        }
      }
    }
  }

  private bindImport(name: string | undefined, alias: string | undefined): void {
    if (name && alias) {
      this.imported.set(alias, name.split('.').pop() ?? name);
    }
  }

  private readAssignments(): void {
    const assign = (name: TreeNode, value: TreeNode) => this.assignments.set(name.text, [...(this.assignments.get(name.text) ?? []), value]);
    const rebind = (target: TreeNode | null | undefined) => {
      const names = target?.type === 'identifier' ? [target] : target ? descendants(target, 'identifier') : [];
      for (const name of names) {
        this.rebound.set(name.text, [...(this.rebound.get(name.text) ?? []), name]);
      }
    };
    for (const assignment of descendants(this.root, 'assignment')) {
      const left = assignment.childForFieldName('left');
      const right = assignment.childForFieldName('right');
      if (left?.type === 'identifier' && right) {
        assign(left, right);
      } else if (left?.type === 'pattern_list' || left?.type === 'tuple_pattern' || left?.type === 'list_pattern') {
        rebind(left);
      }
    }
    // `with X as name` binds what X's __enter__ gives: a session or client gives itself, open() a file.
    for (const pattern of descendants(this.root, 'as_pattern')) {
      const target = pattern.namedChildren.find((child) => child?.type === 'as_pattern_target')?.namedChildren[0];
      const value = pattern.namedChildren[0];
      if (pattern.parent?.type === 'with_item' && target?.type === 'identifier' && value) {
        assign(target, value);
      } else {
        rebind(target);
      }
    }
    for (const type of ['augmented_assignment', 'for_statement']) {
      for (const statement of descendants(this.root, type)) {
        rebind(statement.childForFieldName('left'));
      }
    }
    for (const expression of descendants(this.root, 'named_expression')) {
      rebind(expression.childForFieldName('name'));
    }
  }

  /**
   * What a name holds at `at`, as far as the code shows it for certain: its last assignment before
   * `at` in the same function, else (when the function neither assigns nor takes it) the module's
   * only assignment. A parameter, a name assigned only after `at`, one changed by `+=`: unknown.
   */
  private valueAt(node: TreeNode, at: TreeNode): TreeNode | undefined {
    const value = withoutParentheses(node);
    if (value.type !== 'identifier') {
      return value;
    }
    const scope = enclosingFunction(at);
    if (scope !== undefined && parameterNames(scope).has(value.text)) {
      return undefined;
    }
    const inScope = (assigned: TreeNode) => enclosingFunction(assigned)?.startIndex === scope?.startIndex;
    const inModule = (assigned: TreeNode) => enclosingFunction(assigned) === undefined;
    const changed = this.rebound.get(value.text) ?? [];
    const assigned = this.assignments.get(value.text) ?? [];
    if (changed.some(inScope) || (changed.some(inModule) && !assigned.some(inScope))) {
      return undefined;
    }
    const here = assigned.filter(inScope);
    const before = here.filter((assignment) => assignment.startIndex < at.startIndex);
    if (before.length > 0) {
      return withoutParentheses(before[before.length - 1]);
    }
    const moduleValues = assigned.filter(inModule);
    return here.length === 0 && scope !== undefined && moduleValues.length === 1 ? withoutParentheses(moduleValues[0]) : undefined;
  }

  /** `push_to_gateway`, `G` (imported as Gauge), `pc.exposition.push_to_gateway`: the client's own name, if it is one. */
  private canonicalName(callee: TreeNode | null): string | undefined {
    if (callee?.type === 'identifier') {
      return this.imported.get(callee.text);
    }
    if (callee?.type === 'attribute') {
      const parts = callee.text.split('.').map((part) => part.trim());
      return this.modules.has(parts[0]) ? parts[parts.length - 1] : undefined;
    }
    return undefined;
  }

  private pushSite(call: Call): Omit<ClientPushSite, 'metrics' | 'metricsKnown'> {
    const { action, method } = PUSH_FUNCTIONS[call.canonical];
    const parameters = action === 'delete' ? DELETE_PARAMETERS : PUSH_PARAMETERS;
    const key = argument(call.node, parameters, 'grouping_key');
    return {
      language: 'python',
      call: call.canonical,
      action,
      method,
      line: call.node.startPosition.row,
      endLine: call.node.endPosition.row,
      gateway: this.codeValue(argument(call.node, parameters, 'gateway'), call.node),
      job: this.codeValue(argument(call.node, parameters, 'job'), call.node),
      grouping: key === undefined || key.type === 'none' ? [] : this.groupingPairs(key, call.node),
    };
  }

  /** A dict literal, `dict(a='x')`, a name assigned one of these, or a call of a function of the file that returns one; undefined otherwise. */
  private groupingPairs(node: TreeNode, at: TreeNode, depth = 0): GroupingPair[] | undefined {
    const followed = this.followed(node, at);
    const returned = depth < MAX_KEY_FUNCTIONS ? this.returnedBy(followed) : undefined;
    if (returned !== undefined) {
      // A parameter holds whatever the caller passes: never the value of a like-named global.
      const unknown = (part: CodeValue): CodeValue => (returned.parameters.has(part.text) ? { text: part.text, value: undefined } : part);
      return this.groupingPairs(returned.value, returned.value, depth + 1)?.map((pair) => ({ label: unknown(pair.label), value: unknown(pair.value) }));
    }
    if (followed.type === 'dictionary') {
      const pairs: GroupingPair[] = [];
      for (const pair of followed.namedChildren) {
        const key = pair?.childForFieldName('key');
        const value = pair?.childForFieldName('value');
        if (pair?.type !== 'pair' || !key || !value) {
          return undefined;
        }
        pairs.push({ label: this.codeValue(key, at) ?? { text: key.text, value: undefined }, value: this.codeValue(value, at) ?? { text: value.text, value: undefined } });
      }
      return pairs;
    }
    if (followed.type === 'call' && followed.childForFieldName('function')?.text === 'dict') {
      const args = followed.childForFieldName('arguments')?.namedChildren ?? [];
      if (args.some((arg) => arg?.type !== 'keyword_argument')) {
        return undefined;
      }
      return args.flatMap((arg) => {
        const name = arg?.childForFieldName('name')?.text ?? '';
        const value = arg?.childForFieldName('value');
        return value ? [{ label: { text: name, value: name }, value: this.codeValue(value, at) ?? { text: value.text, value: undefined } }] : [];
      });
    }
    return undefined;
  }

  /** What `name(...)` returns when `name` is a function of the file with one `return` of a value (its parameters stay as written). */
  private returnedBy(call: TreeNode): { value: TreeNode; parameters: ReadonlySet<string> } | undefined {
    const callee = call.type === 'call' ? call.childForFieldName('function') : undefined;
    if (callee?.type !== 'identifier') {
      return undefined;
    }
    const definitions = descendants(this.root, 'function_definition').filter((definition) => definition.childForFieldName('name')?.text === callee.text);
    const returns = definitions.length === 1 ? ownReturns(definitions[0]) : [];
    const value = returns.length === 1 ? returns[0].namedChildren[0] : undefined;
    return value ? { value, parameters: parameterNames(definitions[0]) } : undefined;
  }

  /** An argument's text, and its value when it is a plain string or a name last assigned one before `at`. */
  private codeValue(node: TreeNode | undefined, at: TreeNode): CodeValue | undefined {
    if (node === undefined) {
      return undefined;
    }
    return { text: node.text, value: pythonStringValue(this.followed(node, at)) };
  }

  /** A name followed to the value it was last assigned before `at` (or anywhere, for a module constant used in a function above it). */
  private followed(node: TreeNode, at: TreeNode): TreeNode {
    return followedName(this.assignments, node, at);
  }

  private registryKey(node: TreeNode | undefined): string | undefined {
    if (node === undefined) {
      return undefined;
    }
    const text = node.text.replace(/\s+/g, '');
    const last = text.split('.').pop() ?? text;
    if (last === DEFAULT_REGISTRY && (this.imported.get(text) === DEFAULT_REGISTRY || this.modules.has(text.split('.')[0]))) {
      return DEFAULT_REGISTRY;
    }
    return text;
  }

  private metricRegistry(node: TreeNode): string {
    return this.registryKey(argument(node, METRIC_PARAMETERS, 'registry')) ?? DEFAULT_REGISTRY;
  }

  private declaredMetric(call: Call): DeclaredMetric {
    const type = METRIC_CLASSES[call.canonical];
    const node = call.node;
    const nameNode = argument(node, METRIC_PARAMETERS, 'name');
    const name = nameNode && pythonStringValue(nameNode);
    const prefix = ['namespace', 'subsystem'].map((part) => {
      const value = argument(node, METRIC_PARAMETERS, part);
      return value === undefined ? '' : pythonStringValue(this.followed(value, node));
    });
    const unitNode = argument(node, METRIC_PARAMETERS, 'unit');
    const unit = unitNode === undefined ? '' : pythonStringValue(unitNode);
    const full = name === undefined || prefix.includes(undefined) || unit === undefined ? undefined : clientName(type, [...(prefix as string[]), name], unit);
    const labels = argument(node, METRIC_PARAMETERS, 'labelnames');
    const help = argument(node, METRIC_PARAMETERS, 'documentation');
    return {
      type,
      name: full,
      exposedName: full === undefined ? undefined : type === 'counter' ? `${full}_total` : type === 'info' ? `${full}_info` : full,
      nameSpan: nameNode ? contentSpan(nameNode) : spanOf(node.childForFieldName('function') ?? node),
      help: help && pythonStringValue(help),
      labelNames: labels === undefined ? [] : this.labelNames(labels, node),
      line: node.startPosition.row,
    };
  }

  private labelNames(node: TreeNode, at: TreeNode): DeclaredMetric['labelNames'] {
    const followed = this.followed(node, at);
    if (followed.type !== 'list' && followed.type !== 'tuple') {
      return [];
    }
    return followed.namedChildren.flatMap((item) => {
      const name = item && pythonStringValue(item);
      return item && name !== undefined ? [{ name, span: contentSpan(item) }] : [];
    });
  }
}

/** prometheus_client's _build_full_name: parts joined by _, a counter's `_total` dropped (it adds it back when exposing), the unit appended. */
function clientName(type: ClientMetricType, parts: readonly string[], unit: string): string {
  let name = parts.filter((part) => part !== '').join('_');
  if (type === 'counter' && name.endsWith('_total')) {
    name = name.slice(0, -'_total'.length);
  }
  if (unit !== '' && !name.endsWith(`_${unit}`)) {
    name = `${name}_${unit}`;
  }
  return name;
}

function isClientModule(module: string): boolean {
  return module === 'prometheus_client' || module.startsWith('prometheus_client.');
}

/** The `return` statements of a function, not those of the functions and classes inside it. */
function ownReturns(definition: TreeNode): TreeNode[] {
  return descendants(definition, 'return_statement').filter((statement) => {
    for (let scope = statement.parent; scope; scope = scope.parent) {
      if (scope.type === 'function_definition' || scope.type === 'lambda' || scope.type === 'class_definition') {
        return scope.startIndex === definition.startIndex;
      }
    }
    return false;
  });
}

/** The function (or lambda) whose body holds `node`; undefined at module level (a class body is not a scope of its own for the names it reads). */
function enclosingFunction(node: TreeNode): TreeNode | undefined {
  for (let scope = node.parent; scope; scope = scope.parent) {
    if (scope.type === 'function_definition' || scope.type === 'lambda') {
      return scope;
    }
  }
  return undefined;
}

/** `def f(a, b='x', *args, c: int = 1, **kw)` → a, b, args, c, kw. */
function parameterNames(definition: TreeNode): Set<string> {
  const names = new Set<string>();
  for (const parameter of definition.childForFieldName('parameters')?.namedChildren ?? []) {
    const name = parameter?.type === 'identifier' ? parameter : (parameter?.childForFieldName('name') ?? parameter?.namedChildren.find((child) => child?.type === 'identifier'));
    if (name) {
      names.add(name.text);
    }
  }
  return names;
}

/** The argument at `parameter`: by keyword, else by position (before any keyword). */
function argument(call: TreeNode, parameters: readonly string[], parameter: string): TreeNode | undefined {
  const args = call.childForFieldName('arguments')?.namedChildren.flatMap((arg) => (arg && arg.type !== 'comment' ? [arg] : [])) ?? [];
  const keyword = args.find((arg) => arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === parameter);
  if (keyword) {
    return keyword.childForFieldName('value') ?? undefined;
  }
  const positional = args.filter((arg) => arg.type !== 'keyword_argument' && arg.type !== 'list_splat' && arg.type !== 'dictionary_splat');
  const index = parameters.indexOf(parameter);
  const splatBefore = args.slice(0, index + 1).some((arg) => arg.type === 'list_splat');
  return index >= 0 && !splatBefore ? positional[index] : undefined;
}

/** `body.encode()`, `body.encode("utf-8")`: the string encoded (the bytes are its UTF-8); anything else as it is. */
function encodedString(node: TreeNode): TreeNode {
  const callee = node.type === 'call' ? node.childForFieldName('function') : null;
  const object = callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'encode' ? callee.childForFieldName('object') : null;
  return object ?? node;
}

/** A one-line string's content, else the first line of its node. */
function contentSpan(node: TreeNode): Span {
  const start = node.namedChildren.find((child) => child?.type === 'string_start');
  const end = node.namedChildren.find((child) => child?.type === 'string_end');
  if (start && end && start.endPosition.row === end.startPosition.row) {
    return { line: start.endPosition.row, start: start.endPosition.column, end: end.startPosition.column };
  }
  return spanOf(node);
}
