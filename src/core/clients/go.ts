// client_golang in Go, read on tree-sitter-go: `push.New(url, job)` chains ending in Push, Add or
// Delete (inline, on a pusher variable configured in later statements, returned by a function or
// passed to one), with their Grouping, Collector and Gatherer calls; and the metrics declared with
// prometheus.NewGauge(GaugeOpts{...}), NewCounterVec(opts, []string{...}) and the like (also
// through promauto, or built inline in Collector(...)), with the registries they are registered
// on; and the pushes the code sends itself with net/http (goHttp.ts). Nothing is run: values are
// read where the code spells them out, or from a constant or variable assigned a literal.
import { Span } from '../exposition/model';
import { TreeNode } from '../shell/tree/shellParser';
import { ClientReader, descendants, followedName, namedOf, spanOf } from './codeTree';
import { goHttpPush, GoCode } from './goHttp';
import { goString, isGoStringLiteral } from './goStrings';
import { ClientAnalysis, ClientMetricType, ClientPushSite, CodeValue, DeclaredMetric, GroupingPair, GROUP_DELETE, GROUP_PATH, POST_PUSH, PUT_PUSH, SiteAction } from './clientSite';

const PUSH_PACKAGE = /\/client_golang\/prometheus\/push$/;
const PROMETHEUS_PACKAGE = /\/client_golang\/prometheus$/;
const PROMAUTO_PACKAGE = /\/client_golang\/prometheus\/promauto$/;

const FINAL_CALLS: Readonly<Record<string, SiteAction>> = {
  Push: PUT_PUSH,
  PushContext: PUT_PUSH,
  Add: POST_PUSH,
  AddContext: POST_PUSH,
  Delete: GROUP_DELETE,
};

const CONSTRUCTORS: Readonly<Record<string, ClientMetricType>> = {
  NewCounter: 'counter',
  NewCounterVec: 'counter',
  NewCounterFunc: 'counter',
  NewGauge: 'gauge',
  NewGaugeVec: 'gauge',
  NewGaugeFunc: 'gauge',
  NewHistogram: 'histogram',
  NewHistogramVec: 'histogram',
  NewSummary: 'summary',
  NewSummaryVec: 'summary',
};

/** How many hops (variable, function, parameter) a pusher is followed back to its push.New. */
const MAX_PUSHER_HOPS = 4;

/** The registry prometheus.MustRegister and promauto's package functions register on. */
const DEFAULT_REGISTRY = 'prometheus.DefaultRegisterer';

/** client_golang, in any file importing one of its packages. */
// A file that pushes with net/http names a group's path, and needs no client import.
export const GO_CLIENT: ClientReader = { markers: ['client_golang/prometheus', GROUP_PATH], read: (root) => new GoReader(root).read() };

interface Declared {
  readonly metric: DeclaredMetric;
  readonly variable: string | undefined;
  readonly registry: string | undefined;
  /** Where the constructor call starts: a collector built inline (`Collector(prometheus.NewGauge(...))`) is matched by it. */
  readonly at: number;
}

/** A chain of method calls `a.B(...).C(...)`, innermost first, down to its root. */
interface Chain {
  readonly root: TreeNode;
  readonly calls: ReadonlyArray<{ readonly method: string; readonly node: TreeNode }>;
}

class GoReader implements GoCode {
  readonly packages = { push: new Set<string>(), prometheus: new Set<string>(), promauto: new Set<string>(), http: new Set<string>(), strings: new Set<string>(), bytes: new Set<string>() };
  private readonly assignments = new Map<string, TreeNode[]>();

  constructor(private readonly root: TreeNode) {}

  read(): ClientAnalysis {
    this.readImports();
    this.readAssignments();
    const calls = descendants(this.root, 'call_expression');
    const declared = calls.flatMap((call) => this.declaration(call));
    const registered = this.registrations(calls);
    const sites = calls.flatMap((call) => this.pushSite(call, declared, registered));
    return { sites, metrics: declared.map((entry) => entry.metric), httpPushes: calls.flatMap((call) => goHttpPush(call, this)) };
  }

  private readImports(): void {
    for (const spec of descendants(this.root, 'import_spec')) {
      const importPath = goString(spec.childForFieldName('path'));
      if (importPath === undefined) {
        continue;
      }
      const alias = spec.childForFieldName('name')?.text ?? importPath.split('/').pop() ?? '';
      if (PUSH_PACKAGE.test(importPath)) {
        this.packages.push.add(alias);
      } else if (PROMETHEUS_PACKAGE.test(importPath)) {
        this.packages.prometheus.add(alias);
      } else if (PROMAUTO_PACKAGE.test(importPath)) {
        this.packages.promauto.add(alias);
      } else if (importPath === 'net/http' || importPath === 'strings' || importPath === 'bytes') {
        this.packages[importPath === 'net/http' ? 'http' : importPath].add(alias);
      }
    }
  }

  /** `x := v`, `x = v`, `var x = v`, `const x = v`: each name with what it was given, in order. */
  private readAssignments(): void {
    const remember = (names: readonly TreeNode[], values: readonly TreeNode[]) => {
      names.forEach((name, index) => {
        const value = values[index];
        if (name.type === 'identifier' && value) {
          this.assignments.set(name.text, [...(this.assignments.get(name.text) ?? []), value]);
        }
      });
    };
    for (const node of [...descendants(this.root, 'short_var_declaration'), ...descendants(this.root, 'assignment_statement')]) {
      remember(namedOf(node.childForFieldName('left')), namedOf(node.childForFieldName('right')));
    }
    for (const node of [...descendants(this.root, 'var_spec'), ...descendants(this.root, 'const_spec')]) {
      remember(
        node.childrenForFieldName('name').flatMap((name) => (name ? [name] : [])),
        namedOf(node.childForFieldName('value')),
      );
    }
  }

  /** `name` followed to the value it was last given before `at`, or its only value. */
  private followed(node: TreeNode, at: TreeNode): TreeNode {
    return followedName(this.assignments, node, at);
  }

  /**
   * `name` followed to its value where `at` reads it: the last value the function around `at` gave
   * it before `at`, else the package's; unknown (the name itself) for a parameter, a name only other
   * functions give a value, or a value then changed by `+=` and the like.
   */
  valueOf(node: TreeNode, at: TreeNode): TreeNode {
    if (node.type !== 'identifier') {
      return node;
    }
    const scope = enclosingFunction(at);
    const values = this.assignments.get(node.text) ?? [];
    const local = scope === undefined ? [] : values.filter((value) => value.startIndex < at.startIndex && sameNode(enclosingFunction(value), scope));
    const packageLevel = values.filter((value) => enclosingFunction(value) === undefined);
    const parameter = scope !== undefined && parameterNames(scope).includes(node.text);
    const value = local[local.length - 1] ?? (parameter || packageLevel.length !== 1 ? undefined : packageLevel[0]);
    return value === undefined || isCompoundAssigned(value) ? node : value;
  }

  private codeValue(node: TreeNode | undefined, at: TreeNode): CodeValue | undefined {
    return node === undefined ? undefined : { text: node.text, value: goString(this.followed(node, at)) };
  }

  private declaration(call: TreeNode): Declared[] {
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'selector_expression') {
      return [];
    }
    const type = CONSTRUCTORS[callee.childForFieldName('field')?.text ?? ''];
    const operand = callee.childForFieldName('operand');
    const registry = operand ? this.constructorRegistry(operand) : undefined;
    if (type === undefined || registry === undefined) {
      return [];
    }
    const [options, labels] = namedOf(call.childForFieldName('arguments'));
    const fields = options ? this.optionFields(this.followed(options, call)) : new Map<string, TreeNode>();
    const nameNode = fields.get('Name');
    const parts = ['Namespace', 'Subsystem', 'Name'].map((field) => {
      const node = fields.get(field);
      return node === undefined ? '' : goString(this.followed(node, call));
    });
    const name = parts.includes(undefined) ? undefined : (parts as string[]).filter((part) => part !== '').join('_');
    // BuildFQName gives "" for an empty Name, whatever the namespace.
    const full = parts[2] === '' ? '' : name;
    const help = fields.get('Help');
    const metric: DeclaredMetric = {
      type,
      name: full,
      exposedName: full,
      nameSpan: nameNode ? contentSpan(nameNode) : spanOf(callee),
      help: help && goString(this.followed(help, call)),
      labelNames: labels && callee.childForFieldName('field')?.text.endsWith('Vec') ? this.labelNames(this.followed(labels, call)) : [],
      line: call.startPosition.row,
    };
    return [{ metric, variable: assignedName(call), registry: registry === '' ? undefined : registry, at: call.startIndex }];
  }

  /** `prometheus` → '' (registered later, if at all); `promauto` → the default registry; `promauto.With(reg)` → reg. */
  private constructorRegistry(operand: TreeNode): string | undefined {
    if (operand.type === 'identifier' && this.packages.prometheus.has(operand.text)) {
      return '';
    }
    if (operand.type === 'identifier' && this.packages.promauto.has(operand.text)) {
      return DEFAULT_REGISTRY;
    }
    const inner = operand.type === 'call_expression' ? operand.childForFieldName('function') : undefined;
    if (inner?.type === 'selector_expression' && inner.childForFieldName('field')?.text === 'With' && this.packages.promauto.has(inner.childForFieldName('operand')?.text ?? '')) {
      return registryKey(namedOf(operand.childForFieldName('arguments'))[0]?.text ?? '', this.packages.prometheus);
    }
    return undefined;
  }

  private optionFields(literal: TreeNode): Map<string, TreeNode> {
    const fields = new Map<string, TreeNode>();
    const body =
      literal.type === 'composite_literal' ? literal.childForFieldName('body') : literal.type === 'unary_expression' ? literal.childForFieldName('operand')?.childForFieldName('body') : undefined;
    for (const element of namedOf(body ?? null)) {
      if (element.type === 'keyed_element') {
        const key = element.childForFieldName('key')?.text.trim();
        const value = element.childForFieldName('value')?.namedChildren[0];
        if (key && value) {
          fields.set(key, value);
        }
      }
    }
    return fields;
  }

  private labelNames(node: TreeNode): DeclaredMetric['labelNames'] {
    if (node.type !== 'composite_literal') {
      return [];
    }
    return namedOf(node.childForFieldName('body')).flatMap((element) => {
      const value = element.namedChildren[0];
      const name = value ? goString(value) : undefined;
      return value && name !== undefined ? [{ name, span: contentSpan(value) }] : [];
    });
  }

  /** `reg.MustRegister(a, b)`, `prometheus.MustRegister(a)`: the variables each registry holds. */
  private registrations(calls: readonly TreeNode[]): Map<string, Set<string>> {
    const registered = new Map<string, Set<string>>();
    for (const call of calls) {
      const callee = call.childForFieldName('function');
      const method = callee?.childForFieldName('field')?.text;
      const operand = callee?.childForFieldName('operand');
      if (callee?.type !== 'selector_expression' || (method !== 'MustRegister' && method !== 'Register') || !operand) {
        continue;
      }
      const key = this.packages.prometheus.has(operand.text) ? DEFAULT_REGISTRY : registryKey(operand.text, this.packages.prometheus);
      const set = registered.get(key) ?? new Set<string>();
      for (const argument of namedOf(call.childForFieldName('arguments'))) {
        set.add(argument.text);
      }
      registered.set(key, set);
    }
    return registered;
  }

  private pushSite(call: TreeNode, declared: readonly Declared[], registered: Map<string, Set<string>>): ClientPushSite[] {
    const callee = call.childForFieldName('function');
    const final = FINAL_CALLS[callee?.childForFieldName('field')?.text ?? ''];
    const operand = callee?.type === 'selector_expression' ? callee.childForFieldName('operand') : undefined;
    if (!final || !operand) {
      return [];
    }
    const origin = this.pusherOrigin(operand, call);
    if (origin === undefined) {
      return [];
    }
    const { newCall, calls: configuration } = origin;
    const [url, job] = namedOf(newCall.childForFieldName('arguments'));
    const grouping: GroupingPair[] = [];
    const collectors: TreeNode[] = [];
    const gatherers: string[] = [];
    for (const { method, node } of configuration) {
      const args = namedOf(node.childForFieldName('arguments'));
      if (method === 'Grouping' && args.length === 2) {
        grouping.push({ label: this.codeValue(args[0], call) as CodeValue, value: this.codeValue(args[1], call) as CodeValue });
      } else if (method === 'Collector') {
        collectors.push(...args);
      } else if (method === 'Gatherer') {
        gatherers.push(...args.map((arg) => registryKey(arg.text, this.packages.prometheus)));
      }
    }
    const inline = new Set(collectors.map((collector) => collector.startIndex));
    const pushed = new Set([...collectors.map((collector) => collector.text), ...gatherers.flatMap((gatherer) => [...(registered.get(gatherer) ?? [])])]);
    const fromRegistries = declared.filter((entry) => entry.registry !== undefined && gatherers.includes(entry.registry));
    const metrics = declared.filter((entry) => (entry.variable !== undefined && pushed.has(entry.variable)) || inline.has(entry.at) || fromRegistries.includes(entry)).map((entry) => entry.metric);
    return [
      {
        language: 'go',
        call: callee?.childForFieldName('field')?.text ?? '',
        action: final.action,
        method: final.method,
        line: call.startPosition.row,
        endLine: call.endPosition.row,
        gateway: this.codeValue(url, call),
        job: this.codeValue(job, call),
        grouping,
        metrics: final.action === 'delete' ? [] : metrics,
        metricsKnown: final.action === 'push' && metrics.length > 0 && collectors.length + gatherers.length > 0,
      },
    ];
  }

  /**
   * The `push.New(url, job)` a pusher comes from, with the configuration calls made on it on the way:
   * the call itself, a pusher variable (`p := push.New(...).Collector(c)`, then `p.Grouping(...)`),
   * a function of the file that returns one, or a parameter its only caller passes one in.
   */
  private pusherOrigin(node: TreeNode, at: TreeNode, depth = 0): { newCall: TreeNode; calls: Chain['calls'] } | undefined {
    const chain = chainOf(node);
    const direct = this.pushNew(chain.root);
    if (direct !== undefined) {
      return { newCall: direct, calls: chain.calls };
    }
    if (depth >= MAX_PUSHER_HOPS) {
      return undefined;
    }
    let inner: { newCall: TreeNode; calls: Chain['calls'] } | undefined;
    if (chain.root.type === 'identifier') {
      const assigned = this.followed(chain.root, at);
      const before = assigned === chain.root ? this.passedIn(chain.root, at, depth + 1) : this.pusherOrigin(assigned, at, depth + 1);
      inner = before && { newCall: before.newCall, calls: [...before.calls, ...this.statementsOn(chain.root.text, at)] };
    } else {
      const returned = this.returnedBy(chain.root);
      inner = returned && this.pusherOrigin(returned, returned, depth + 1);
    }
    return inner && { newCall: inner.newCall, calls: [...inner.calls, ...chain.calls] };
  }

  /** What `name(...)` returns when `name` is a function of the file with one `return`. */
  private returnedBy(call: TreeNode): TreeNode | undefined {
    const definition = call.type === 'call_expression' ? this.functionNamed(call.childForFieldName('function')) : undefined;
    const returns = definition ? ownReturns(definition) : [];
    const values = returns.length === 1 ? namedOf(returns[0]) : [];
    return values[0]?.type === 'expression_list' ? namedOf(values[0])[0] : values[0];
  }

  /** A parameter of the function around `at`, followed to what the function's only caller in the file passes. */
  private passedIn(parameter: TreeNode, at: TreeNode, depth: number): { newCall: TreeNode; calls: Chain['calls'] } | undefined {
    const definition = enclosingFunction(at);
    const name = definition?.type === 'function_declaration' ? definition.childForFieldName('name')?.text : undefined;
    const index = definition ? parameterNames(definition).indexOf(parameter.text) : -1;
    if (name === undefined || index < 0) {
      return undefined;
    }
    const callers = descendants(this.root, 'call_expression').filter((call) => {
      const callee = call.childForFieldName('function');
      return callee?.type === 'identifier' && callee.text === name;
    });
    const passed = callers.length === 1 ? namedOf(callers[0].childForFieldName('arguments'))[index] : undefined;
    return passed && this.pusherOrigin(passed, callers[0], depth);
  }

  private functionNamed(callee: TreeNode | null): TreeNode | undefined {
    if (callee?.type !== 'identifier') {
      return undefined;
    }
    const definitions = descendants(this.root, 'function_declaration').filter((definition) => definition.childForFieldName('name')?.text === callee.text);
    return definitions.length === 1 ? definitions[0] : undefined;
  }

  /** `push.New(url, job)` under whatever name the push package is imported. */
  private pushNew(node: TreeNode): TreeNode | undefined {
    if (node.type !== 'call_expression') {
      return undefined;
    }
    const callee = node.childForFieldName('function');
    const isNew = callee?.type === 'selector_expression' && callee.childForFieldName('field')?.text === 'New' && this.packages.push.has(callee.childForFieldName('operand')?.text ?? '');
    return isNew ? node : undefined;
  }

  /** `p.Grouping(...)`-style statements on a pusher variable in the same function, before `at`. */
  private statementsOn(variable: string, at: TreeNode): Chain['calls'] {
    const scope = enclosingFunction(at) ?? this.root;
    return descendants(scope, 'expression_statement')
      .filter((statement) => statement.endIndex <= at.startIndex)
      .flatMap((statement) => {
        const expression = statement.namedChildren[0];
        if (expression?.type !== 'call_expression') {
          return [];
        }
        const chain = chainOf(expression);
        return chain.root.type === 'identifier' && chain.root.text === variable ? chain.calls : [];
      });
  }
}

/** `a.B(x).C(y)` as its root `a` and the calls B, C in order. */
function chainOf(node: TreeNode): Chain {
  const calls: Array<{ method: string; node: TreeNode }> = [];
  let current = node;
  for (;;) {
    const callee = current.type === 'call_expression' ? current.childForFieldName('function') : undefined;
    const operand = callee?.type === 'selector_expression' ? callee.childForFieldName('operand') : undefined;
    if (!callee || !operand || callee.type !== 'selector_expression') {
      break;
    }
    const field = callee.childForFieldName('field')?.text ?? '';
    if (operand.type === 'identifier' && !isPusherCall(field)) {
      // `push.New(...)`: the package call is the root itself.
      break;
    }
    calls.unshift({ method: field, node: current });
    current = operand;
  }
  return { root: current, calls };
}

const PUSHER_METHODS = new Set(['Grouping', 'Collector', 'Gatherer', 'BasicAuth', 'Client', 'Format', 'Header', 'ExpfmtFormat']);

function isPusherCall(method: string): boolean {
  return PUSHER_METHODS.has(method);
}

function registryKey(text: string, prometheusPackages: ReadonlySet<string>): string {
  const [pkg, name] = text.split('.');
  if (prometheusPackages.has(pkg) && (name === 'DefaultGatherer' || name === 'DefaultRegisterer')) {
    return DEFAULT_REGISTRY;
  }
  return text;
}

/** The variable a constructor's result goes to: `x := New...`, `var x = New...`, `x = New...`. */
function assignedName(call: TreeNode): string | undefined {
  const list = call.parent;
  const statement = list?.parent;
  if (list?.type !== 'expression_list' || !statement) {
    return undefined;
  }
  const index = list.namedChildren.findIndex((child) => child?.startIndex === call.startIndex);
  if (statement.type === 'var_spec' || statement.type === 'const_spec') {
    return statement.childrenForFieldName('name')[index]?.text;
  }
  if (statement.type === 'short_var_declaration' || statement.type === 'assignment_statement') {
    return namedOf(statement.childForFieldName('left'))[index]?.text;
  }
  return undefined;
}

/** The `return` statements of a function, not those of the function literals inside it. */
function ownReturns(definition: TreeNode): TreeNode[] {
  return descendants(definition, 'return_statement').filter((statement) => enclosingFunction(statement)?.startIndex === definition.startIndex);
}

/** `func f(a, b string, p *push.Pusher)` → a, b, p. */
function parameterNames(definition: TreeNode): string[] {
  return namedOf(definition.childForFieldName('parameters')).flatMap((declaration) => declaration.childrenForFieldName('name').flatMap((name) => (name ? [name.text] : [])));
}

function sameNode(a: TreeNode | undefined, b: TreeNode): boolean {
  return a !== undefined && a.startIndex === b.startIndex && a.endIndex === b.endIndex;
}

/** Whether `value` is the right side of `x += value` (or another operator's assignment), not of `=` or `:=`. */
function isCompoundAssigned(value: TreeNode): boolean {
  const statement = value.parent?.type === 'expression_list' ? value.parent.parent : value.parent;
  return statement?.type === 'assignment_statement' && statement.childForFieldName('operator')?.text !== '=';
}

function enclosingFunction(node: TreeNode): TreeNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'function_declaration' || current.type === 'method_declaration' || current.type === 'func_literal') {
      return current;
    }
  }
  return undefined;
}

function contentSpan(node: TreeNode): Span {
  const { row, column } = node.startPosition;
  if (isGoStringLiteral(node) && node.endPosition.row === row) {
    return { line: row, start: column + 1, end: node.endPosition.column - 1 };
  }
  return spanOf(node);
}
