// The pushes a Go program sends itself with net/http to a URL of a Pushgateway group:
// `http.Post(URL, "text/plain", strings.NewReader(BODY))`, `http.NewRequest(http.MethodPut, URL, BODY)`
// (sent later by a client's Do). The body is read when the code spells it out: a string literal, or
// a name given one, in the readers code wraps a body in (strings.NewReader, bytes.NewBufferString,
// bytes.NewBuffer([]byte(...)), ...).
import { PushMethod, pushMethodNamed } from '../protocol/pushMethod';
import { CodeValue, GROUP_PATH, HttpPushSite, MAX_BODY_LITERAL } from './clientSite';
import { namedOf } from './codeTree';
import { goString, goStringBody, isGoStringLiteral } from './goStrings';
import { TreeNode } from '../shell/tree/shellParser';

/** What the reader of a Go file knows that a push needs: the local names of packages, and a name followed to its value where it is read. */
export interface GoCode {
  /** Local names of `net/http`, `strings` and `bytes` (an import may rename them). */
  readonly packages: { readonly http: ReadonlySet<string>; readonly strings: ReadonlySet<string>; readonly bytes: ReadonlySet<string> };
  valueOf(node: TreeNode, at: TreeNode): TreeNode;
}

interface HttpSend {
  /** Where the method, URL and body are among the arguments; a fixed method instead of its place. */
  readonly method: number | PushMethod;
  readonly url: number;
  readonly body: number;
}

const HTTP_SENDS: Readonly<Record<string, HttpSend>> = {
  Post: { method: 'POST', url: 0, body: 2 },
  NewRequest: { method: 0, url: 1, body: 2 },
  NewRequestWithContext: { method: 1, url: 2, body: 3 },
};

/** The functions that wrap a body for sending, by package. */
const BODY_READERS: Readonly<Record<'strings' | 'bytes', ReadonlySet<string>>> = {
  strings: new Set(['NewReader']),
  bytes: new Set(['NewReader', 'NewBuffer', 'NewBufferString']),
};

/** net/http's method constants: only PUT and POST push. */
const METHOD_CONSTANTS: Readonly<Record<string, PushMethod | null>> = {
  MethodPut: 'PUT',
  MethodPost: 'POST',
  MethodGet: null,
  MethodHead: null,
  MethodPatch: null,
  MethodDelete: null,
  MethodConnect: null,
  MethodOptions: null,
  MethodTrace: null,
};

/** How many wrappings (a name, a reader, a []byte conversion) a body is followed through. */
const MAX_BODY_HOPS = 6;

/** The push `call` sends, when it is one of net/http's to a group URL; else nothing. */
export function goHttpPush(call: TreeNode, code: GoCode): HttpPushSite[] {
  const callee = call.childForFieldName('function');
  const operand = callee?.type === 'selector_expression' ? callee.childForFieldName('operand') : undefined;
  const field = callee?.childForFieldName('field')?.text ?? '';
  const send = Object.hasOwn(HTTP_SENDS, field) ? HTTP_SENDS[field] : undefined;
  if (send === undefined || operand?.type !== 'identifier' || !code.packages.http.has(operand.text)) {
    return [];
  }
  const args = namedOf(call.childForFieldName('arguments'));
  const urlNode = args[send.url] as TreeNode | undefined;
  const url = urlNode && urlOf(urlNode, call, code);
  if (url === undefined || !(url.value ?? url.text).includes(GROUP_PATH)) {
    return [];
  }
  const method = typeof send.method === 'string' ? send.method : sentMethod(args[send.method], call, code);
  if (method === null) {
    return [];
  }
  const literal = bodyLiteral(args[send.body], call, code);
  const body = literal === undefined || literal.text.length > MAX_BODY_LITERAL ? undefined : goStringBody(literal);
  const lines = body !== undefined && literal !== undefined ? literal : call;
  return [
    {
      language: 'go',
      call: `http.${field}`,
      method,
      line: call.startPosition.row,
      endLine: call.endPosition.row,
      url,
      body,
      bodyLines: { start: lines.startPosition.row, end: lines.endPosition.row },
    },
  ];
}

/**
 * The URL as written, and its value when every part is spelled out. A literal is written without its
 * quotes; a concatenation (`gateway + "/metrics/job/etl"`, also through a name given one) as a
 * template whose unknown parts are `{expression}`s, as a Python f-string writes them, so that a
 * literal path still gives its labels.
 */
function urlOf(node: TreeNode, call: TreeNode, code: GoCode): CodeValue {
  const parts = concatenatedParts(node, call, code, 0);
  if (parts.every((part) => part.value !== undefined)) {
    const written = withoutParentheses(node);
    return { text: isGoStringLiteral(written) ? written.text.slice(1, -1) : node.text, value: parts.map((part) => part.value).join('') };
  }
  if (parts.length === 1) {
    return parts[0];
  }
  return { text: parts.map((part) => (part.value === undefined ? `{${part.text}}` : part.value.replace(/[{}]/g, (brace) => brace + brace))).join(''), value: undefined };
}

/** How deep a concatenation is read: deeper parts are unknown. */
const MAX_CONCATENATION_DEPTH = 8;

/** The parts of a string written as literals, names given one, and `+` of those: an unknown part is the expression (a name followed) as written. */
function concatenatedParts(node: TreeNode, call: TreeNode, code: GoCode, depth: number): CodeValue[] {
  const inner = withoutParentheses(code.valueOf(withoutParentheses(node), call));
  const value = goString(inner);
  if (value !== undefined) {
    return [{ text: inner.text, value }];
  }
  const left = inner.type === 'binary_expression' && inner.childForFieldName('operator')?.text === '+' ? inner.childForFieldName('left') : null;
  const right = left ? inner.childForFieldName('right') : null;
  if (left && right && depth < MAX_CONCATENATION_DEPTH) {
    return [...concatenatedParts(left, call, code, depth + 1), ...concatenatedParts(right, call, code, depth + 1)];
  }
  return [{ text: inner.text, value: undefined }];
}

function withoutParentheses(node: TreeNode): TreeNode {
  let current = node;
  while (current.type === 'parenthesized_expression' && current.namedChildren[0]) {
    current = current.namedChildren[0];
  }
  return current;
}

/** PUT or POST; null for a method that does not push; undefined when the code does not spell it out. */
function sentMethod(node: TreeNode | undefined, call: TreeNode, code: GoCode): PushMethod | null | undefined {
  const value = node && code.valueOf(node, call);
  if (value === undefined) {
    return undefined;
  }
  const operand = value.type === 'selector_expression' ? value.childForFieldName('operand') : undefined;
  const constant = value.childForFieldName('field')?.text ?? '';
  if (operand?.type === 'identifier' && code.packages.http.has(operand.text) && Object.hasOwn(METHOD_CONSTANTS, constant)) {
    return METHOD_CONSTANTS[constant];
  }
  // Go sends the method as written.
  const written = goString(value);
  return written === undefined ? undefined : pushMethodNamed(written);
}

/** The string literal a body argument reads, through names, readers and []byte conversions; undefined when it is anything else. */
function bodyLiteral(argument: TreeNode | undefined, call: TreeNode, code: GoCode): TreeNode | undefined {
  let node = argument;
  for (let hop = 0; node !== undefined && hop < MAX_BODY_HOPS; hop++) {
    node = code.valueOf(node, call);
    if (isGoStringLiteral(node)) {
      return node;
    }
    node = node.type === 'type_conversion_expression' ? byteConversionOperand(node) : node.type === 'call_expression' ? readerArgument(node, code) : undefined;
  }
  return undefined;
}

/** `[]byte(x)` → x. */
function byteConversionOperand(conversion: TreeNode): TreeNode | undefined {
  const type = conversion.childForFieldName('type');
  return type?.type === 'slice_type' && type.childForFieldName('element')?.text === 'byte' ? (conversion.childForFieldName('operand') ?? undefined) : undefined;
}

/** `strings.NewReader(x)`, `bytes.NewBufferString(x)`... → x. */
function readerArgument(call: TreeNode, code: GoCode): TreeNode | undefined {
  const callee = call.childForFieldName('function');
  const operand = callee?.type === 'selector_expression' ? callee.childForFieldName('operand')?.text : undefined;
  const field = callee?.childForFieldName('field')?.text ?? '';
  const wraps = (Object.keys(BODY_READERS) as Array<keyof typeof BODY_READERS>).some((name) => operand !== undefined && code.packages[name].has(operand) && BODY_READERS[name].has(field));
  return wraps ? namedOf(call.childForFieldName('arguments'))[0] : undefined;
}
