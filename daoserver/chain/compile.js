#!/usr/bin/env node
// Compiles contracts/*.sol with the pinned solc-js into <outDir>/<Contract>.abi (JSON) and <Contract>.bin (hex),
// for every contract defined in those files. Run by the Maven build (exec-maven-plugin) and by `npm run compile`.
// Without node_modules (npm ci not run) it prints why and exits 0, so Java-only builds still work; the oracle
// tests then skip with the same message.
'use strict';
const fs = require('fs');
const path = require('path');

const [srcDir = 'contracts', outDir = '../target/classes/chain'] = process.argv.slice(2);
const here = __dirname;
const modules = path.join(here, 'node_modules');
let solc;
try {
  solc = require(path.join(modules, 'solc'));
} catch (e) {
  console.log(`compile.js: skipped: solc-js is not installed in ${modules} (run: cd daoserver/chain && npm ci)`);
  process.exit(0);
}

const sources = {};
for (const f of fs.readdirSync(path.resolve(here, srcDir)).filter(f => f.endsWith('.sol')).sort()) {
  sources[f] = { content: fs.readFileSync(path.resolve(here, srcDir, f), 'utf8') };
}
const out = path.resolve(here, outDir);
// Up to date when every output is newer than every source (solc-js with viaIR takes seconds on 2 cores).
const stamp = path.join(out, 'solc-version.txt');
if (fs.existsSync(stamp)) {
  const built = fs.statSync(stamp).mtimeMs;
  const inputs = Object.keys(sources).map(f => path.resolve(here, srcDir, f)).concat([__filename]);
  if (inputs.every(f => fs.statSync(f).mtimeMs < built)) {
    console.log(`compile.js: contracts up to date in ${out}`);
    process.exit(0);
  }
}
const input = {
  language: 'Solidity',
  sources,
  settings: {
    // Pinned, so the bytecode does not change with the compiler's default; anvil's default hardfork supports it.
    evmVersion: 'cancun',
    optimizer: { enabled: true, runs: 200 },
    viaIR: true, // the event and fulfil signatures exceed the legacy pipeline's 16 stack slots
    outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
  },
};

function findImports(p) {
  for (const base of [path.resolve(here, srcDir), modules]) {
    const full = path.join(base, p);
    if (fs.existsSync(full)) return { contents: fs.readFileSync(full, 'utf8') };
  }
  return { error: `import not found: ${p}` };
}

const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
const errors = (output.errors || []).filter(e => e.severity === 'error');
for (const e of output.errors || []) console.error(e.formattedMessage.trim());
if (errors.length) {
  console.error(`compile.js: ${errors.length} error(s) from solc ${solc.version()}`);
  process.exit(1);
}
fs.mkdirSync(out, { recursive: true });
let n = 0;
for (const file of Object.keys(sources)) {
  for (const [name, c] of Object.entries(output.contracts[file] || {})) {
    if (!c.evm.bytecode.object) continue; // interfaces have no bytecode
    fs.writeFileSync(path.join(out, `${name}.abi`), JSON.stringify(c.abi));
    fs.writeFileSync(path.join(out, `${name}.bin`), c.evm.bytecode.object);
    n++;
  }
}
fs.writeFileSync(path.join(out, 'solc-version.txt'), solc.version() + '\n');
console.log(`compile.js: ${n} contract(s) compiled with solc ${solc.version()} into ${out}`);
