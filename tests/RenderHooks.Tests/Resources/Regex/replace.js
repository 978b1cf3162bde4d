// Replaces every match of one regular expression in each input with a real engine and prints the results as a JSON
// array: "re2" (Google's RE2 compiled to WebAssembly, the re2-wasm package) or "rust" (Rust's regex crate compiled to
// WebAssembly, the rregex package), both from the repository's package.json.
// Usage: node replace.js <node_modules directory>; stdin: {"engine": …, "pattern": …, "replacement": …, "inputs": […]}.
// The replacement refers to group 1 as $1 in both (re2-wasm takes JavaScript's syntax; Rust's is the same for a
// group number followed by a character that cannot be part of a group name). re2-wasm rewrites only
// JavaScript-specific syntax before compiling (a bare "/" becomes "\/", "(?<" becomes "(?P<", "\u…" and "\c…"
// escapes), none of which changes a pattern's meaning.
'use strict';
const path = require('path');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', chunk => { input += chunk; });
process.stdin.on('end', () => {
  const request = JSON.parse(input);
  let replace;
  if (request.engine === 're2') {
    const { RE2 } = require(path.join(process.argv[2], 're2-wasm'));
    const regex = new RE2(request.pattern, 'gu');
    replace = text => text.replace(regex, request.replacement);
  } else if (request.engine === 'rust') {
    const { RRegex } = require(path.join(process.argv[2], 'rregex'));
    const regex = new RRegex(request.pattern);
    replace = text => regex.replaceAll(text, request.replacement);
  } else {
    throw new Error(`unknown engine ${request.engine}`);
  }
  process.stdout.write(JSON.stringify(request.inputs.map(replace)));
});
