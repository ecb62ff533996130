// Peer for bench/run_speed_comparison.sh: Readability.js (@mozilla/readability on jsdom).
//
//   node readability_js.mjs [--repeat N] DIR
//
// Reads every *.html.gz in DIR into memory (compressed; file I/O is not timed), then, on one
// thread, times for each page what storyline_corpus_bench times: gunzip, charset detection
// (jsdom sniffs the BOM / <meta charset> when handed bytes), HTML parse (new JSDOM) and
// extraction (new Readability(document).parse()). The window is closed inside the timed
// region so that the run's memory stays bounded, as a long-running extractor would.
// A page counts as rejected when parse() throws or returns null; their names go to stderr.
// Prints one line in the shape storyline_corpus_bench uses, with input MB/s (uncompressed
// HTML, 1 MB = 2^20 bytes), the part of the seconds spent in gunzip, and the CPU seconds
// (user + system, all of node's threads) of the timed region.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { JSDOM, VirtualConsole } from 'jsdom';
import { Readability } from '@mozilla/readability';

function usage() {
  process.stderr.write('usage: node readability_js.mjs [--repeat N] DIR\n');
  process.exit(1);
}

const args = process.argv.slice(2);
let repeat = 1;
let dir = null;
for (let i = 0; i < args.length; ++i) {
  if (args[i] === '--repeat' && i + 1 < args.length) {
    repeat = Math.max(1, Number.parseInt(args[++i], 10) || 1);
  } else if (dir === null) {
    dir = args[i];
  } else {
    usage();
  }
}
if (dir === null) usage();

const names = readdirSync(dir).filter((n) => n.endsWith('.html.gz')).sort();
if (names.length === 0) {
  process.stderr.write(`readability_js: no *.html.gz in ${dir}\n`);
  process.exit(1);
}
const compressed = names.map((n) => readFileSync(join(dir, n)));

// Pages print CSS and script errors to jsdom's console; drop them instead of timing stderr.
const quiet = new VirtualConsole();

let pages = 0;
let rejected = 0;
let inputBytes = 0;
let gunzipMs = 0;
const failures = new Map();
const cpuStart = process.cpuUsage();
const start = performance.now();
for (let r = 0; r < repeat; ++r) {
  for (let i = 0; i < compressed.length; ++i) {
    const t0 = performance.now();
    const html = gunzipSync(compressed[i]);
    gunzipMs += performance.now() - t0;
    inputBytes += html.length;
    let dom = null;
    try {
      dom = new JSDOM(html, { url: `https://bench.invalid/${names[i]}`, virtualConsole: quiet });
      const article = new Readability(dom.window.document).parse();
      if (article === null) {
        failures.set(names[i], 'no article found');
        ++rejected;
      } else {
        ++pages;
      }
    } catch (e) {
      failures.set(names[i], String(e && e.message ? e.message : e).split('\n')[0]);
      ++rejected;
    } finally {
      if (dom !== null) dom.window.close();
    }
  }
}
const secs = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);

for (const [name, why] of failures) process.stderr.write(`readability_js: rejected ${name}: ${why}\n`);
const mib = (x) => x / (1 << 20);
process.stdout.write(
  `pages ${pages}  rejected ${rejected}  seconds ${secs.toFixed(3)}  ` +
    `pages/s ${((pages + rejected) / secs).toFixed(1)}  input MB/s ${(mib(inputBytes) / secs).toFixed(2)}  ` +
    `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MiB  ` +
    `gunzip seconds ${(gunzipMs / 1000).toFixed(3)}  cpu seconds ${((cpu.user + cpu.system) / 1e6).toFixed(3)}\n`,
);
