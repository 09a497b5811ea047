#!/usr/bin/env python3
"""Generates the typed Schematic API client sources from the OpenAPI spec.

Output (all under schematic-cdi/src/main/java/dev/schematic/api/):
  model/<Schema>.java         one JSON-B record (or open enum) per component schema,
                              plus response envelopes and inline schemas
  <tag>/<Name>Api.java        one MicroProfile Rest Client interface per spec tag
  <tag>/<Op>Params.java       request-parameter records for operations with >= 2 optional query params
  ApiResources.java, ClientFactory.java, ApiResourceClients.java

Usage: python3 tools/api-generator/generate.py [--spec PATH] [--out DIR]
Then:  ./mvnw -q -pl schematic-cdi spotless:apply

The generator is deterministic: the same spec always gives byte-identical output, so
regenerating and formatting again yields no diff.
"""

import argparse
import os
import shutil
import sys

sys.dont_write_bytecode = True

import yaml  # noqa: E402

from emit_api import TagWriter  # noqa: E402
from emit_model import emit_enum, emit_record  # noqa: E402
from emit_union import emit_sealed  # noqa: E402
from emit_top import DOCS, emit_top_level, update_docs  # noqa: E402
from javadoc import doc_text  # noqa: E402,F401  (used by the tests)
from naming import HTTP_METHODS, ROOT, TAGS, camel, constant_name, safe_ident  # noqa: E402,F401
from resolver import Generator  # noqa: E402

# the project's copy of Schematic's public OpenAPI document (see its README.md for the source)
DEFAULT_SPEC = os.path.join(ROOT, "schematic-cdi", "src", "test", "resources", "openapi", "schematic-openapi.yaml")
DEFAULT_OUT = os.path.join(ROOT, "schematic-cdi", "src", "main", "java", "dev", "schematic", "api")


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--spec", default=DEFAULT_SPEC,
                    help="path to schematic-openapi.yaml (default: the project's copy, %(default)s)")
    ap.add_argument("--out", default=DEFAULT_OUT, help="output directory (the dev/schematic/api source folder)")
    ap.add_argument("--docs", default=DOCS,
                    help="markdown file whose coverage table to refresh (default: %(default)s; '' for none)")
    args = ap.parse_args()
    spec_path = args.spec
    if not os.path.exists(spec_path):
        sys.exit("spec not found; pass --spec PATH")
    with open(spec_path, encoding="utf-8") as f:
        spec = yaml.safe_load(f)

    gen = Generator(spec)
    gen.collect()

    out = args.out
    # clean only what this generator owns
    for d in ["model"] + sorted(TAGS):
        shutil.rmtree(os.path.join(out, d), ignore_errors=True)

    for name in sorted(gen.models):
        m = gen.models[name]
        emit = {"enum": emit_enum, "sealed": emit_sealed}.get(m.kind, emit_record)
        text = emit(m)
        write(os.path.join(out, "model", name + ".java"), text)

    tags_present = [t for t in TAGS if any(o["tag"] == t for o in gen.ops)]
    by_tag = {t: sorted([o for o in gen.ops if o["tag"] == t], key=lambda o: (o["path"], HTTP_METHODS.index(o["method"])))
              for t in tags_present}
    unknown = {o["tag"] for o in gen.ops} - set(TAGS)
    if unknown:
        sys.exit("unknown tags: %s" % unknown)
    total = 0
    for t in tags_present:
        files = TagWriter(gen, t, by_tag[t]).write()
        for name, text in sorted(files.items()):
            write(os.path.join(out, t, name + ".java"), text)
        total += len(by_tag[t])
    for name, text in emit_top_level(tags_present).items():
        write(os.path.join(out, name + ".java"), text)
    update_docs(by_tag, gen, args.docs)
    print("generated %d models, %d operations in %d interfaces -> %s" % (len(gen.models), total, len(tags_present), out))


if __name__ == "__main__":
    main()
