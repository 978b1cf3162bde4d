// Evaluates a transformation's KQL on rows, for the subset the token-masking rule uses: `let` statements binding
// user-defined functions of string arguments, then `source | extend Column = expression, …`. Expressions: string
// literals ('…' and verbatim @'…'), integers, column and argument names, calls of user-defined functions and of iif,
// strcat, extract, tostring, parse_json, and the `matches regex` operator. Anything else is refused, so a rule that
// grows beyond what this evaluates fails the test rather than passing unchecked.
//
// Regular expressions run in a real engine, chosen by the caller: "re2" (Google's RE2, the re2-wasm package) or
// "rust" (Rust's regex crate, the rregex package): KQL uses RE2's syntax, Rust's crate is a second engine of that family.
// `matches regex` is true when the expression matches anywhere in the text; extract(regex, group, text) is the group
// of the first match, or "" when there is none (KQL's null string). tostring and parse_json pass strings through: the
// rows hold a dynamic column as its JSON text.
//
// Usage: node evaluate.js <node_modules directory>; stdin: {"kql": …, "engine": "re2"|"rust", "rows": [{column: text}]};
// stdout: the rows after the transformation, as a JSON array.
'use strict';
const path = require('path');

const modules = process.argv[2];

function engine(name) {
  if (name === 're2') {
    const { RE2 } = require(path.join(modules, 're2-wasm'));
    const cache = new Map();
    const compile = p => cache.get(p) ?? cache.set(p, new RE2(p, 'u')).get(p);
    return {
      matches: (p, text) => compile(p).test(text),
      extract: (p, group, text) => {
        const regex = compile(p);
        regex.lastIndex = 0;
        const match = regex.exec(text);
        return match && match[group] !== undefined ? match[group] : '';
      },
    };
  }
  if (name === 'rust') {
    const { RRegex } = require(path.join(modules, 'rregex'));
    const cache = new Map();
    const compile = p => cache.get(p) ?? cache.set(p, new RRegex(p)).get(p);
    return {
      matches: (p, text) => compile(p).isMatch(text),
      extract: (p, group, text) => {
        const captures = compile(p).captures(text);
        const match = captures ? captures.get[group] : undefined;
        return match ? match.value : '';
      },
    };
  }
  throw new Error(`unknown engine ${name}`);
}

function tokenize(text) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '@' && text[i + 1] === "'") {
      const end = text.indexOf("'", i + 2);
      if (end < 0) throw new Error('unterminated verbatim string');
      tokens.push({ kind: 'string', value: text.slice(i + 2, end) });
      i = end + 1;
      continue;
    }
    if (c === "'") {
      let value = '';
      i++;
      while (text[i] !== "'") {
        if (i >= text.length) throw new Error('unterminated string');
        if (text[i] === '\\') {
          const e = text[i + 1];
          const escapes = { '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r' };
          if (!(e in escapes)) throw new Error(`unsupported escape \\${e}`);
          value += escapes[e];
          i += 2;
        } else {
          value += text[i++];
        }
      }
      i++;
      tokens.push({ kind: 'string', value });
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (word) { tokens.push({ kind: 'name', value: word[0] }); i += word[0].length; continue; }
    const number = /^[0-9]+/.exec(text.slice(i));
    if (number) { tokens.push({ kind: 'number', value: Number(number[0]) }); i += number[0].length; continue; }
    if ('(){},;:=|'.includes(c)) { tokens.push({ kind: c }); i++; continue; }
    throw new Error(`unexpected character ${JSON.stringify(c)} at ${i}`);
  }
  return tokens;
}

function parse(text) {
  const tokens = tokenize(text);
  let p = 0;
  const peek = () => tokens[p] ?? { kind: 'end' };
  const take = kind => {
    const t = peek();
    if (t.kind !== kind) throw new Error(`expected ${kind}, found ${t.kind} ${t.value ?? ''}`);
    p++;
    return t;
  };
  const keyword = word => {
    const t = take('name');
    if (t.value !== word) throw new Error(`expected ${word}, found ${t.value}`);
  };

  function expression() {
    const left = primary();
    if (peek().kind === 'name' && peek().value === 'matches') {
      p++;
      keyword('regex');
      return { kind: 'matches', text: left, regex: primary() };
    }
    return left;
  }

  function primary() {
    const t = peek();
    if (t.kind === 'string' || t.kind === 'number') { p++; return { kind: 'literal', value: t.value }; }
    if (t.kind === '(') { p++; const e = expression(); take(')'); return e; }
    const name = take('name').value;
    if (peek().kind !== '(') return { kind: 'name', name };
    p++;
    const args = [];
    while (peek().kind !== ')') {
      args.push(expression());
      if (peek().kind === ',') p++;
    }
    take(')');
    return { kind: 'call', name, args };
  }

  const functions = new Map();
  while (peek().kind === 'name' && peek().value === 'let') {
    p++;
    const name = take('name').value;
    take('=');
    take('(');
    const parameters = [];
    while (peek().kind !== ')') {
      parameters.push(take('name').value);
      take(':');
      keyword('string');
      if (peek().kind === ',') p++;
    }
    take(')');
    take('{');
    const body = expression();
    take('}');
    take(';');
    functions.set(name, { parameters, body });
  }

  keyword('source');
  take('|');
  keyword('extend');
  const assignments = [];
  for (;;) {
    const column = take('name').value;
    take('=');
    assignments.push({ column, value: expression() });
    if (peek().kind !== ',') break;
    p++;
  }
  take('end');
  return { functions, assignments };
}

function evaluate(node, scope, query, regex) {
  switch (node.kind) {
    case 'literal': return node.value;
    case 'name':
      if (!(node.name in scope)) throw new Error(`unknown name ${node.name}`);
      return scope[node.name];
    case 'matches':
      return regex.matches(evaluate(node.regex, scope, query, regex), evaluate(node.text, scope, query, regex));
    case 'call': {
      const args = node.args.map(a => evaluate(a, scope, query, regex));
      const udf = query.functions.get(node.name);
      if (udf) {
        if (udf.parameters.length !== args.length) throw new Error(`${node.name} takes ${udf.parameters.length} arguments`);
        return evaluate(udf.body, Object.fromEntries(udf.parameters.map((n, i) => [n, args[i]])), query, regex);
      }
      switch (node.name) {
        case 'iif': return args[0] === true ? args[1] : args[2];
        case 'strcat': return args.join('');
        case 'extract': return regex.extract(args[0], args[1], args[2]);
        case 'tostring': return String(args[0]);
        case 'parse_json': return args[0];
        default: throw new Error(`unsupported function ${node.name}`);
      }
    }
    default: throw new Error(`unsupported expression ${node.kind}`);
  }
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', chunk => { input += chunk; });
process.stdin.on('end', () => {
  const request = JSON.parse(input);
  const query = parse(request.kql);
  const regex = engine(request.engine);
  const rows = request.rows.map(row => {
    const result = { ...row };
    for (const { column, value } of query.assignments) {
      // As in KQL, an expression of extend sees the columns the ones before it assigned.
      result[column] = evaluate(value, result, query, regex);
    }
    return result;
  });
  process.stdout.write(JSON.stringify(rows));
});
