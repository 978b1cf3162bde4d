// Applies one regular expression with RE2 (Google's RE2 compiled to WebAssembly, the re2-wasm package of the
// repository's package.json) to each input and prints the results as a JSON array.
// Usage: node replace.js <path of the re2-wasm package>; stdin: {"pattern": …, "replacement": …, "inputs": […]}.
// The replacement uses JavaScript's $1 syntax. re2-wasm rewrites only JavaScript-specific syntax before compiling
// (a bare "/" becomes "\/", "(?<" becomes "(?P<", "\u…" and "\c…" escapes), none of which changes a pattern's meaning.
'use strict';
const { RE2 } = require(process.argv[2]);

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', chunk => { input += chunk; });
process.stdin.on('end', () => {
  const request = JSON.parse(input);
  const regex = new RE2(request.pattern, 'gu');
  const outputs = request.inputs.map(text => text.replace(regex, request.replacement));
  process.stdout.write(JSON.stringify(outputs));
});
