// Cross-check: run the public vectors through the compiled module with
// Node's WebAssembly (instantiated with an EMPTY import object), using the
// SDK call protocol. Usage (from the repository root):
//   node rulesengine/tools/wasm-vectors.mjs [module.wasm] [vectors.json]
import { readFileSync } from "node:fs";

const wasmPath = process.argv[2] ?? "schematic-cdi/src/main/resources/dev/schematic/rules/schematic-rules.wasm";
const vectorsPath = process.argv[3] ?? "schematic-cdi/src/test/resources/dev/schematic/rules/rules-vectors-public.json";

const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {});
const x = instance.exports;
const enc = new TextEncoder();
const dec = new TextDecoder();

function call(envelope, nowMs) {
  const bytes = enc.encode(JSON.stringify(envelope));
  const ptr = x.alloc(bytes.length);
  new Uint8Array(x.memory.buffer, ptr, bytes.length).set(bytes);
  x.setCurrentTimeMillis(BigInt(nowMs));
  const n = x.checkFlagCombined(ptr, bytes.length);
  let out = null;
  if (n >= 0) {
    const rp = x.getResultJson();
    const rl = x.getResultJsonLength();
    out = JSON.parse(dec.decode(new Uint8Array(x.memory.buffer, rp, rl).slice()));
  }
  x.dealloc(ptr, bytes.length);
  return out;
}

const snake = (k) => k.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase());
const rfc3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
function norm(v, convert) {
  if (Array.isArray(v)) return v.map((e) => norm(e, convert));
  if (v && typeof v === "object") {
    const o = {};
    for (const k of Object.keys(v).sort()) if (v[k] !== null) o[convert ? snake(k) : k] = norm(v[k], convert);
    return o;
  }
  if (typeof v === "string" && rfc3339.test(v)) return "instant:" + Date.parse(v);
  return v;
}

const vk = new Uint8Array(x.memory.buffer, x.get_version_key_wasm(), 16);
console.log("version key:", dec.decode(vk.slice(0, vk.indexOf(0))));
console.log("imports:", WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(wasmPath))).length);

const cases = JSON.parse(readFileSync(vectorsPath, "utf8"));
let pass = 0;
for (const c of cases) {
  const env = { flag: c.flag, company: c.company, user: c.user };
  if ("options" in c) env.options = c.options;
  const got = call(env, Date.parse(c.now));
  const ok = JSON.stringify(norm(got, true)) === JSON.stringify(norm(c.expect, false));
  if (ok) pass++;
  else console.log("FAIL", c.name, JSON.stringify(got));
}
console.log(`wasm vectors: ${pass}/${cases.length} passed`);
process.exit(pass === cases.length ? 0 : 1);
