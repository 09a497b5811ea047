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
import re
import shutil
import sys
import textwrap

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
# the project's copy of Schematic's public OpenAPI document (see its README.md for the source)
DEFAULT_SPEC = os.path.join(ROOT, "schematic-cdi", "src", "test", "resources", "openapi", "schematic-openapi.yaml")
DEFAULT_OUT = os.path.join(ROOT, "schematic-cdi", "src", "main", "java", "dev", "schematic", "api")
BASE_PKG = "dev.schematic.api"
MODEL_PKG = BASE_PKG + ".model"

# tag -> (interface name, accessor name on ApiResources)
TAGS = {
    "accesstokens": ("AccessTokensApi", "accessTokens"),
    "accounts": ("AccountsApi", "accounts"),
    "billing": ("BillingApi", "billing"),
    "catalogs": ("CatalogsApi", "catalogs"),
    "checkout": ("CheckoutApi", "checkout"),
    "companies": ("CompaniesApi", "companies"),
    "components": ("ComponentsApi", "components"),
    "componentspublic": ("ComponentsPublicApi", "componentsPublic"),
    "credits": ("CreditsApi", "credits"),
    "dataexports": ("DataExportsApi", "dataExports"),
    "entitlements": ("EntitlementsApi", "entitlements"),
    "events": ("EventsApi", "events"),
    "features": ("FeaturesApi", "features"),
    "insights": ("InsightsApi", "insights"),
    "integrationsapi": ("IntegrationsApi", "integrations"),
    "licenses": ("LicensesApi", "licenses"),
    "planbundle": ("PlanBundlesApi", "planBundles"),
    "plangroups": ("PlanGroupsApi", "planGroups"),
    "planmigrations": ("PlanMigrationsApi", "planMigrations"),
    "plans": ("PlansApi", "plans"),
    "scheduledcheckout": ("ScheduledCheckoutApi", "scheduledCheckout"),
    "webhooks": ("WebhooksApi", "webhooks"),
}

JAVA_KEYWORDS = set(
    """abstract assert boolean break byte case catch char class const continue default do double else enum
    extends final finally float for goto if implements import instanceof int interface long native new package
    private protected public return short static strictfp super switch synchronized this throw throws transient
    try void volatile while true false null var yield record""".split()
)
# accessor names a record component may not take (clash with java.lang.Object)
OBJECT_METHODS = {"wait", "notify", "notifyAll", "getClass", "hashCode", "toString", "equals", "clone", "finalize"}

HTTP_METHODS = ["get", "post", "put", "delete", "patch"]


# --------------------------------------------------------------------------------------------
# naming helpers


def camel(name):
    """snake/kebab/Pascal wire name -> lowerCamel Java identifier."""
    parts = [p for p in re.split(r"[^A-Za-z0-9]+", name) if p]
    if not parts:
        return "value"
    first = parts[0]
    if first.isupper() and len(first) > 1 and len(parts) == 1:
        out = first.lower()
    else:
        out = first[:1].lower() + first[1:]
    for p in parts[1:]:
        out += p[:1].upper() + p[1:]
    if out[0].isdigit():
        out = "v" + out
    return out


def safe_ident(name):
    ident = camel(name)
    if ident in JAVA_KEYWORDS or ident in OBJECT_METHODS:
        ident = ident + "Value"
    return ident


def pascal(name):
    c = camel(name)
    return c[:1].upper() + c[1:]


def constant_name(value):
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", str(value))
    s = re.sub(r"[^A-Za-z0-9]+", "_", s).strip("_").upper()
    if not s:
        s = "EMPTY"
    if s[0].isdigit():
        s = "V_" + s
    if s in ("KNOWN", "ADAPTER"):
        s = s + "_VALUE"
    return s


# --------------------------------------------------------------------------------------------
# Javadoc helpers

MD_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")


def html(text):
    text = str(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\\", "&#92;").replace("*/", "*&#47;").replace("@", "&#64;")
    text = text.replace("{", "&#123;").replace("}", "&#125;")
    return text


def doc_text(text):
    """Spec text -> safe Javadoc HTML (markdown links become anchors)."""
    if text is None:
        return ""
    text = str(text).strip()
    out = []
    pos = 0
    for m in MD_LINK.finditer(text):
        out.append(html(text[pos : m.start()]))
        out.append('<a href="%s">%s</a>' % (html(m.group(2)), html(m.group(1))))
        pos = m.end()
    out.append(html(text[pos:]))
    return "".join(out)


def code(text):
    """Text for inside {@code ...}: braces stay (they are balanced in paths), only comment terminators go."""
    return str(text).replace("*/", "*&#47;").replace("\\", "&#92;")


def sentence(text):
    t = doc_text(text)
    if t and t[-1] not in ".!?:":
        t += "."
    return t


def javadoc(lines, indent=""):
    """lines: list of paragraphs / tag lines (already HTML). Wraps to ~110 columns."""
    width = 110 - len(indent) - 3
    body = []
    for para in lines:
        if para == "":
            body.append("")
            continue
        tag = re.match(r"^(@\w+(?: \S+)?) ", para)
        if tag:
            first = tag.group(1) + " "
            wrapped = textwrap.wrap(
                para[len(first) :],
                width=width,
                initial_indent=first,
                subsequent_indent="    ",
                break_long_words=False,
                break_on_hyphens=False,
            )
        elif para.startswith("<pre>"):
            wrapped = para.split("\n")
        else:
            wrapped = textwrap.wrap(para, width=width, break_long_words=False, break_on_hyphens=False)
        body.extend(wrapped or [""])
    # drop trailing blank lines
    while body and body[-1] == "":
        body.pop()
    if not body:
        return ""
    out = [indent + "/**"]
    for b in body:
        out.append((indent + " * " + b).rstrip())
    out.append(indent + " */")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------------------------
# type model


class JType:
    """A Java type reference: text as written in source, plus what it needs imported."""

    def __init__(self, text, imports=(), models=(), enum=None, kind="scalar"):
        self.text = text
        self.imports = set(imports)
        self.models = set(models)
        self.enum = enum  # model name if this is an open enum
        self.kind = kind  # scalar | list | map | model | enum | object

    def __repr__(self):
        return self.text


STRING = JType("String")
LONG = JType("Long")
INTEGER = JType("Integer")
DOUBLE = JType("Double")
BOOLEAN = JType("Boolean")
DATETIME = JType("OffsetDateTime", imports={"java.time.OffsetDateTime"})
DATE = JType("LocalDate", imports={"java.time.LocalDate"})
OBJECT = JType("Object", kind="object")


def list_of(t):
    return JType("List<%s>" % t.text, imports=t.imports | {"java.util.List"}, models=t.models, kind="list")


def map_of(t):
    return JType("Map<String, %s>" % t.text, imports=t.imports | {"java.util.Map"}, models=t.models, kind="map")


FREE_MAP = map_of(OBJECT)


class Prop:
    def __init__(self, wire, ident, jtype, schema, required, description):
        self.wire = wire
        self.ident = ident
        self.jtype = jtype
        self.schema = schema
        self.required = required
        self.description = description


class Model:
    def __init__(self, name, kind, description=None, source=None):
        self.name = name
        self.kind = kind  # record | enum
        self.description = description
        self.source = source  # where it comes from, for Javadoc
        self.props = []
        self.values = []
        self.builder = False
        self.union_of = []
        self.examples = {}
        self.doc_html = None  # generator-written Javadoc (already HTML), used when the spec has no description


class Generator:
    def __init__(self, spec):
        self.spec = spec
        self.schemas = spec["components"]["schemas"]
        self.models = {}
        self.pending = []  # (model, schema) to fill
        self.ops = []

    # ---------------------------------------------------------------- schema resolution

    def ref_name(self, ref):
        assert ref.startswith("#/components/schemas/"), ref
        return ref.split("/")[-1]

    def unwrap(self, schema):
        """allOf with one $ref (used to attach nullable/description) -> the $ref."""
        if "allOf" in schema and len(schema["allOf"]) == 1:
            merged = dict(schema["allOf"][0])
            return merged
        return schema

    def type_of(self, schema, ctx):
        """schema -> JType. ctx is the deterministic name to use if an inline schema needs one."""
        schema = self.unwrap(schema)
        if "$ref" in schema:
            name = self.ref_name(schema["$ref"])
            self.ensure_component(name)
            m = self.models[name]
            return JType(name, models={name}, enum=name if m.kind == "enum" else None,
                         kind="enum" if m.kind == "enum" else "model")
        if "oneOf" in schema or "anyOf" in schema:
            return self.define_inline(ctx, schema)
        t = schema.get("type")
        fmt = schema.get("format")
        if "enum" in schema:
            return self.define_inline(ctx, schema)
        if t == "string":
            if fmt == "date-time":
                return DATETIME
            if fmt == "date":
                return DATE
            return STRING
        if t == "integer":
            return INTEGER if fmt == "int32" else LONG
        if t == "number":
            return DOUBLE
        if t == "boolean":
            return BOOLEAN
        if t == "array":
            return list_of(self.type_of(schema.get("items", {}), ctx + "Item"))
        if t == "object" or t is None:
            if schema.get("properties"):
                return self.define_inline(ctx, schema)
            ap = schema.get("additionalProperties")
            if isinstance(ap, dict) and ap:
                return map_of(self.type_of(ap, ctx + "Value"))
            return FREE_MAP
        raise ValueError("unsupported schema %r at %s" % (schema, ctx))

    def define_inline(self, name, schema):
        if name in self.models:
            raise ValueError("inline schema name clash: " + name)
        self.build_model(name, schema, source="inline")
        m = self.models[name]
        return JType(name, models={name}, enum=name if m.kind == "enum" else None,
                     kind="enum" if m.kind == "enum" else "model")

    def ensure_component(self, name):
        if name not in self.models:
            self.build_model(name, self.schemas[name], source="component")

    def build_model(self, name, schema, source):
        if "enum" in schema:
            m = Model(name, "enum", schema.get("description"), source)
            m.values = [str(v) for v in schema["enum"] if v is not None]
            self.models[name] = m
            return
        m = Model(name, "record", schema.get("description"), source)
        self.models[name] = m
        if "oneOf" in schema or "anyOf" in schema:
            self.fill_union(m, schema)
        else:
            self.fill_record(m, schema)

    def fill_record(self, m, schema):
        required = set(schema.get("required") or [])
        used = set()
        for wire, ps in (schema.get("properties") or {}).items():
            ident = safe_ident(wire)
            while ident in used or ident in ("builder",):
                ident += "_"
            used.add(ident)
            jt = self.type_of(ps, m.name + pascal(wire))
            desc = ps.get("description") or self.unwrap(ps).get("description")
            m.props.append(Prop(wire, ident, jt, ps, wire in required, desc))
            ex = ps.get("example")
            if ex is not None:
                m.examples[wire] = ex

    def fill_union(self, m, schema):
        variants = schema.get("oneOf") or schema.get("anyOf")
        merged = {}  # wire -> list of (variant, propschema)
        order = []
        for v in variants:
            v = self.unwrap(v)
            if "$ref" not in v:
                raise ValueError("inline union member in " + m.name)
            vname = self.ref_name(v["$ref"])
            self.ensure_component(vname)
            m.union_of.append(vname)
            for wire, ps in (self.schemas[vname].get("properties") or {}).items():
                if wire not in merged:
                    merged[wire] = []
                    order.append(wire)
                merged[wire].append((vname, ps))
        disc = (schema.get("discriminator") or {}).get("propertyName")
        used = set()
        for wire in order:
            entries = merged[wire]
            vm = {vn: self.models[vn] for vn, _ in entries}
            types = []
            for vn, _ in entries:
                p = next(p for p in vm[vn].props if p.wire == wire)
                types.append(p.jtype)
            texts = {t.text for t in types}
            if len(texts) == 1:
                jt = types[0]
            elif all(t.kind in ("enum",) or t.text == "String" for t in types):
                jt = STRING
            elif all(t.kind in ("map", "model") for t in types):
                jt = FREE_MAP
            else:
                jt = OBJECT
            ident = safe_ident(wire)
            while ident in used:
                ident += "_"
            used.add(ident)
            first_ps = entries[0][1]
            desc = first_ps.get("description") or self.unwrap(first_ps).get("description")
            if wire == disc:
                desc = "Discriminator; one of " + ", ".join(
                    '"%s"' % k for k in sorted((schema["discriminator"].get("mapping") or {}).keys())
                )
            elif len(entries) < len(variants):
                desc = (desc.strip().rstrip(".") + ". " if desc else "") + "Only in: %s" % ", ".join(
                    vn for vn, _ in entries
                )
            required = len(entries) == len(variants) and all(
                wire in (self.schemas[vn].get("required") or []) for vn, _ in entries
            )
            m.props.append(Prop(wire, ident, jt, first_ps, required, desc))
        m.builder = True

    # ---------------------------------------------------------------- operations

    def collect(self):
        for name in self.schemas:
            self.ensure_component(name)
        for path, item in self.spec["paths"].items():
            for method in HTTP_METHODS:
                if method not in item:
                    continue
                self.ops.append(self.operation(path, method, item[method], item.get("parameters") or []))
        ids = [o["id"] for o in self.ops]
        assert len(ids) == len(set(ids)), "duplicate operationIds"
        # builders for request bodies and everything reachable from them
        seen = set()
        stack = [o["body"].text for o in self.ops if o["body"] is not None]
        while stack:
            n = stack.pop()
            if n in seen:
                continue
            seen.add(n)
            m = self.models[n]
            if m.kind == "record":
                m.builder = True
                for p in m.props:
                    stack.extend(p.jtype.models)
                stack.extend(m.union_of)

    def operation(self, path, method, op, shared_params):
        oid = op["operationId"]
        tags = op.get("tags") or []
        assert len(tags) == 1 and tags[0] in TAGS, (oid, tags)
        params = []
        used = set()
        for p in list(shared_params) + list(op.get("parameters") or []):
            if "$ref" in p:
                raise ValueError("parameter $ref not supported")
            ident = safe_ident(p["name"])
            while ident in used or ident == "body" or ident == "params":
                ident += "Param"
            used.add(ident)
            schema = p.get("schema") or {}
            u = self.unwrap(schema)
            kind = "plain"
            if p["in"] == "query" and (u.get("type") == "object" or "additionalProperties" in u):
                kind = "json-map"
                jt = STRING
                ident = ident + "Json"
            else:
                jt = self.type_of(schema, pascal(oid) + pascal(p["name"]))
                if jt.text == "OffsetDateTime":
                    kind = "date-time"
                    jt = STRING
            params.append(
                {
                    "wire": p["name"],
                    "in": p["in"],
                    "ident": ident,
                    "jtype": jt,
                    "kind": kind,
                    "required": bool(p.get("required")),
                    "description": p.get("description") or schema.get("description"),
                }
            )
        body = None
        if op.get("requestBody"):
            content = op["requestBody"]["content"]
            assert list(content.keys()) == ["application/json"], oid
            body = self.type_of(content["application/json"]["schema"], pascal(oid) + "RequestBody")
        ret = None
        ret_kind = "void"
        status = None
        for status_code in sorted(op["responses"]):
            if not status_code.startswith("2"):
                continue
            status = status_code
            r = op["responses"][status_code]
            content = r.get("content") or {}
            if not content:
                ret_kind = "void"
            elif "application/json" in content:
                sch = content["application/json"]["schema"]
                title = sch.get("title") or pascal(oid) + "Response"
                ret = self.type_of(dict(sch, title=title), title)
                env = self.models.get(title)
                if env is not None and env.source == "inline" and not env.description:
                    env.doc_html = (
                        "Response of {@link %s.%s.%s#%s} ({@code %s %s}): {@code data} carries the result and "
                        "{@code params} echoes the request's parameters."
                        % (BASE_PKG, tags[0], TAGS[tags[0]][0], oid, method.upper(), code(path))
                    )
                ret_kind = "json"
            else:
                ret_kind = "binary"
                ret = JType("Response", imports={"jakarta.ws.rs.core.Response"})
            break
        return {
            "id": oid,
            "tag": tags[0],
            "path": path,
            "method": method,
            "summary": op.get("summary"),
            "description": op.get("description"),
            "params": params,
            "body": body,
            "ret": ret,
            "ret_kind": ret_kind,
            "status": status,
            "content": sorted((op["responses"][status].get("content") or {}).keys()) if status else [],
            "deprecated": bool(op.get("deprecated")),
        }


# --------------------------------------------------------------------------------------------
# emitters


def imports_block(imports, pkg):
    lines = []
    for imp in sorted(set(imports) | {"jakarta.annotation.Generated"}):
        if imp.rsplit(".", 1)[0] == pkg or imp.startswith("java.lang.") and imp.count(".") == 2:
            continue
        lines.append("import %s;" % imp)
    return "\n".join(lines) + ("\n\n" if lines else "")


HEADER = "// Generated by tools/api-generator/generate.py from the Schematic OpenAPI spec. Do not edit.\n"
# on every generated type (source retention: nothing at run time)
GENERATED = '@Generated("tools/api-generator/generate.py")\n'


def emit_enum(m):
    doc = []
    if m.description:
        doc.append(sentence(m.description))
        doc.append("")
    doc.append(
        "An open enum: the constants below are the values the spec knows; any other string the API sends "
        "is kept as-is (see {@link #isKnown()}) and written back unchanged. (De)serialized by JSON-B as a "
        "plain JSON string."
    )
    if m.source == "inline":
        doc.append("")
        doc.append("<p>Inline enum of the spec, named after its parent.")
    consts = []
    used = set()
    for v in m.values:
        c = constant_name(v)
        while c in used:
            c += "_"
        used.add(c)
        consts.append((c, v))
    out = [HEADER, "package %s;\n\n" % MODEL_PKG]
    out.append(
        imports_block(
            ["jakarta.json.bind.adapter.JsonbAdapter", "jakarta.json.bind.annotation.JsonbTypeAdapter",
             "java.util.List", "java.util.Objects"],
            MODEL_PKG,
        )
    )
    out.append(javadoc(doc))
    out.append("@JsonbTypeAdapter(%s.Adapter.class)\n" % m.name)
    out.append(GENERATED)
    out.append("public record %s(String value) {\n" % m.name)
    for c, v in consts:
        out.append("    /** {@code %s} */\n" % html(v))
        out.append('    public static final %s %s = new %s("%s");\n' % (m.name, c, m.name, java_string(v)))
    out.append("\n    private static final List<%s> KNOWN = List.of(%s);\n\n" % (m.name, ", ".join(c for c, _ in consts)))
    out.append("    public %s {\n        Objects.requireNonNull(value, \"value\");\n    }\n\n" % m.name)
    out.append(javadoc(["Returns the constant for a known wire value, a new instance carrying an unknown one, or "
                        "{@code null} for {@code null} (the API sends {@code null} for an absent value)."], "    "))
    out.append("    public static %s of(String value) {\n" % m.name)
    out.append("        if (value == null) {\n            return null;\n        }\n")
    out.append("        for (%s known : KNOWN) {\n            if (known.value.equals(value)) {\n                return known;\n            }\n        }\n" % m.name)
    out.append("        return new %s(value);\n    }\n\n" % m.name)
    out.append(javadoc(["Whether this value is one the spec declares."], "    "))
    out.append("    public boolean isKnown() {\n        return KNOWN.contains(this);\n    }\n\n")
    out.append(javadoc(["The values the spec declares, in spec order."], "    "))
    out.append("    public static List<%s> knownValues() {\n        return KNOWN;\n    }\n\n" % m.name)
    out.append(javadoc(["The wire value (also what query parameters send)."], "    "))
    out.append("    @Override\n    public String toString() {\n        return value;\n    }\n\n")
    out.append(javadoc(["JSON-B adapter: the enum is a plain JSON string on the wire, and JSON {@code null} reads as "
                        "{@code null} (never an exception), whatever the spec says about the member."], "    "))
    out.append("    public static final class Adapter implements JsonbAdapter<%s, String> {\n" % m.name)
    out.append("        @Override\n        public String adaptToJson(%s obj) {\n            return obj == null ? null : obj.value();\n        }\n\n" % m.name)
    out.append("        @Override\n        public %s adaptFromJson(String obj) {\n            return of(obj);\n        }\n    }\n}\n" % m.name)
    return "".join(out)


def java_string(v):
    return str(v).replace("\\", "\\\\").replace('"', '\\"')


def emit_record(m, extra_doc=None):
    imports = {"jakarta.json.bind.annotation.JsonbProperty"}
    for p in m.props:
        imports |= p.jtype.imports
    doc = []
    if m.description:
        doc.append(sentence(m.description))
    elif m.doc_html:
        doc.append(m.doc_html)
    elif m.source == "inline":
        doc.append("Inline schema of the spec, named after its parent and property.")
    else:
        doc.append("The {@code %s} schema of the Schematic API." % m.name)
    if m.union_of:
        doc.append("")
        doc.append(
            "<p>The spec declares this as one of %s. Java has no clean mapping for that union, so this record "
            "carries the union of their properties; set the ones of the variant you mean and leave the rest "
            "{@code null} (nulls are not written). A property whose type differs between variants is typed as "
            "the common supertype (a string, or a JSON object as {@code Map<String, Object>})."
            % ", ".join("{@link %s}" % v for v in m.union_of)
        )
    if extra_doc:
        doc.append("")
        doc.extend(extra_doc)
    if m.props:
        doc.append("")
    for p in m.props:
        d = sentence(p.description) if p.description else "The {@code %s} property." % html(p.wire)
        if p.required:
            d += " Required."
        doc.append("@param %s %s" % (p.ident, d))
    out = [HEADER, "package %s;\n\n" % MODEL_PKG, imports_block(imports, MODEL_PKG), javadoc(doc), GENERATED]
    if not m.props:
        out.append("public record %s() {\n" % m.name)
    else:
        comps = ",\n".join('        @JsonbProperty("%s") %s %s' % (java_string(p.wire), p.jtype.text, p.ident) for p in m.props)
        out.append("public record %s(\n%s) {\n" % (m.name, comps))
    if m.builder and m.props:
        out.append(emit_builder(m.name, m.props))
    out.append("}\n")
    return "".join(out)


def emit_builder(name, props, validate=()):
    out = []
    out.append("\n")
    out.append(javadoc(["A builder with every property unset ({@code null})."], "    "))
    out.append("    public static Builder builder() {\n        return new Builder();\n    }\n\n")
    out.append(javadoc(["Builder for {@link %s}." % name], "    "))
    out.append("    public static final class Builder {\n")
    for p in props:
        out.append("        private %s %s;\n" % (p.jtype.text, p.ident))
    out.append("\n        private Builder() {}\n\n")
    for p in props:
        d = sentence(p.description) if p.description else "Sets {@code %s}." % html(p.wire)
        out.append(javadoc([d], "        "))
        out.append("        public Builder %s(%s %s) {\n" % (p.ident, p.jtype.text, p.ident))
        out.append("            this.%s = %s;\n            return this;\n        }\n\n" % (p.ident, p.ident))
        prim = {"Long": "long", "Double": "double"}.get(p.jtype.text)
        if prim:
            # lets callers write .limit(50) instead of .limit(50L)
            out.append(javadoc([d], "        "))
            out.append("        public Builder %s(%s %s) {\n" % (p.ident, prim, p.ident))
            out.append("            this.%s = %s;\n            return this;\n        }\n\n" % (p.ident, p.ident))
    out.append("        public %s build() {\n" % name)
    for p in validate:
        out.append('            Objects.requireNonNull(%s, "%s is required");\n' % (p.ident, p.ident))
    out.append("            return new %s(%s);\n        }\n    }\n" % (name, ", ".join(p.ident for p in props)))
    return "".join(out)


def http_annotation(method):
    return method.upper()


def op_javadoc(op, extra_params=None, params_record=None, note=None, returns_delegate=False):
    lines = []
    summary = op["summary"] or op["id"]
    lines.append(sentence(summary))
    if op["description"] and op["description"].strip() != (op["summary"] or "").strip():
        lines.append("")
        lines.append("<p>" + sentence(op["description"]))
    lines.append("")
    lines.append("<p>{@code %s %s} (operation {@code %s}; success status %s)." % (
        op["method"].upper(), code(op["path"]), op["id"], op["status"]))
    if note:
        lines.append("")
        lines.append("<p>" + note)
    if op["ret_kind"] == "binary":
        lines.append("")
        lines.append(
            "<p>The response is a file (%s), not JSON, so the raw {@link Response} is returned: read it with "
            "{@code readEntity(InputStream.class)} and close it when done. The {@code Content-Disposition} "
            "header carries the file name." % ", ".join("{@code %s}" % c for c in op["content"])
        )
    lines.append("")
    for p in op["params"]:
        if params_record is not None and p["in"] == "query":
            continue
        d = sentence(p["description"]) if p["description"] else "The {@code %s} parameter." % html(p["wire"])
        if p["kind"] == "json-map" and not extra_params:
            d += " A JSON object of string values, sent as one query parameter ({@code %s={...}})." % html(p["wire"])
        if p["kind"] == "date-time":
            d += " An RFC 3339 timestamp, e.g. {@code 2024-01-31T00:00:00Z}."
        if p["in"] == "query":
            d += " Required." if p["required"] else " Optional ({@code null} to omit)."
        ident = p["ident"]
        if extra_params and ident in extra_params:
            ident, d = extra_params[ident]
        lines.append("@param %s %s" % (ident, d))
    if op["body"] is not None:
        lines.append("@param body the request body")
    if params_record is not None:
        lines.append("@param params the query parameters (build with {@code %s.builder()})" % params_record)
    if op["ret_kind"] == "json":
        lines.append("@return the {@code %s} envelope: {@code data} and the echoed {@code params}" % op["ret"].text)
    elif op["ret_kind"] == "binary":
        lines.append("@return the raw HTTP response carrying the file")
    lines.append(
        "@throws dev.schematic.SchematicApiException on any non-2xx status (subclasses for 400, 401, 403, 404, 500)"
    )
    return lines


class TagWriter:
    def __init__(self, gen, tag, ops):
        self.gen = gen
        self.tag = tag
        self.ops = ops
        self.iface, self.accessor = TAGS[tag]
        self.pkg = "%s.%s" % (BASE_PKG, tag)
        self.files = {}

    def model_imports(self, jt):
        return {"%s.%s" % (MODEL_PKG, n) for n in jt.models} | jt.imports

    def write(self):
        imports = {
            "jakarta.ws.rs.Consumes",
            "jakarta.ws.rs.Produces",
            "jakarta.ws.rs.Path",
            "jakarta.ws.rs.core.MediaType",
        }
        methods = []
        for op in self.ops:
            methods.append(self.method(op, imports))
        doc = [
            "Operations of the Schematic API tagged {@code %s} (%d operations), as a MicroProfile Rest Client "
            "interface." % (self.tag, len(self.ops)),
            "",
            "<p>Obtain an instance from the SDK facade ({@code schematic.%s()}, see {@link "
            "dev.schematic.api.ApiResources}); the SDK's HTTP layer builds it with {@code RestClientBuilder}, adds "
            "the API key and maps every non-2xx answer to {@link dev.schematic.SchematicApiException} (a runtime "
            "exception), so no method declares a checked exception. Default methods are conveniences that "
            "delegate to the HTTP-mapped methods." % self.accessor,
        ]
        out = [HEADER, "package %s;\n\n" % self.pkg, imports_block(imports, self.pkg), javadoc(doc)]
        out.append("@Produces(MediaType.APPLICATION_JSON)\n@Consumes(MediaType.APPLICATION_JSON)\n")
        out.append(GENERATED)
        out.append("public interface %s {\n" % self.iface)
        out.append("\n".join(methods))
        out.append("}\n")
        self.files[self.iface] = "".join(out)
        return self.files

    def method(self, op, imports):
        imports.add("jakarta.ws.rs." + http_annotation(op["method"]))
        args = []
        for p in op["params"]:
            if p["in"] == "path":
                imports.add("jakarta.ws.rs.PathParam")
                args.append('@PathParam("%s") %s %s' % (p["wire"], p["jtype"].text, p["ident"]))
                imports.update(self.model_imports(p["jtype"]))
        if op["body"] is not None:
            args.append("%s body" % op["body"].text)
            imports.update(self.model_imports(op["body"]))
        for p in op["params"]:
            if p["in"] == "query":
                imports.add("jakarta.ws.rs.QueryParam")
                args.append('@QueryParam("%s") %s %s' % (p["wire"], p["jtype"].text, p["ident"]))
                imports.update(self.model_imports(p["jtype"]))
            elif p["in"] != "path":
                raise ValueError("unsupported parameter location %s in %s" % (p["in"], op["id"]))
        if op["ret_kind"] == "void":
            ret = "void"
        else:
            ret = op["ret"].text
            imports.update(self.model_imports(op["ret"]))
        out = []
        out.append(javadoc(op_javadoc(op), "    "))
        if op["deprecated"]:
            out.append("    @Deprecated\n")
        out.append("    @%s\n" % http_annotation(op["method"]))
        out.append('    @Path("%s")\n' % op["path"])
        if op["ret_kind"] == "binary":
            out.append("    @Produces(MediaType.WILDCARD)\n")
        out.append("    %s %s(%s);\n" % (ret, op["id"], ", ".join(args)))
        out.extend(self.overloads(op, imports, ret))
        return "".join(out)

    def call_args(self, op, replace):
        names = []
        for p in op["params"]:
            if p["in"] == "path":
                names.append(replace.get(p["ident"], p["ident"]))
        if op["body"] is not None:
            names.append("body")
        for p in op["params"]:
            if p["in"] == "query":
                names.append(replace.get(p["ident"], p["ident"]))
        return ", ".join(names)

    def overloads(self, op, imports, ret):
        out = []
        ret_kw = "" if ret == "void" else "return "
        query = [p for p in op["params"] if p["in"] == "query"]
        optional = [p for p in query if not p["required"]]
        json_maps = [p for p in query if p["kind"] == "json-map"]
        # 1. Map<String,String> overload for JSON-encoded map query params
        if json_maps:
            imports.update({"java.util.Map", "jakarta.json.Json", "jakarta.json.JsonObjectBuilder"})
            args = []
            extra = {}
            for p in op["params"]:
                if p["in"] == "path":
                    args.append("String %s" % p["ident"])
            if op["body"] is not None:
                args.append("%s body" % op["body"].text)
            replace = {}
            for p in query:
                if p["kind"] == "json-map":
                    name = p["ident"][: -len("Json")]
                    args.append("Map<String, String> %s" % name)
                    replace[p["ident"]] = "%sJsonValue" % name
                    extra[p["ident"]] = (
                        name,
                        (sentence(p["description"]) if p["description"] else "")
                        + " Sent as one JSON-encoded query parameter ({@code %s={\"k\":\"v\"}}), which the API "
                        "accepts in place of deep-object brackets ({@code %s[k]=v})." % (html(p["wire"]), html(p["wire"])),
                    )
                else:
                    args.append("%s %s" % (p["jtype"].text, p["ident"]))
            doc = op_javadoc(op, extra_params=extra,
                             note="Convenience overload: encodes the map as JSON and delegates to the HTTP-mapped method.")
            out.append("\n" + javadoc(doc, "    "))
            out.append("    default %s %s(%s) {\n" % (ret, op["id"], ", ".join(args)))
            for p in json_maps:
                name = p["ident"][: -len("Json")]
                out.append("        String %sJsonValue = null;\n" % name)
                out.append("        if (%s != null) {\n" % name)
                out.append("            JsonObjectBuilder json = Json.createObjectBuilder();\n")
                out.append("            %s.forEach(json::add);\n" % name)
                out.append("            %sJsonValue = json.build().toString();\n        }\n" % name)
            out.append("        %s%s(%s);\n    }\n" % (ret_kw, op["id"], self.call_args(op, replace)))
        # 2. Params record overload
        if len(optional) >= 2:
            rec = pascal(op["id"]) + "Params"
            self.files[rec] = self.params_record(op, rec, query)
            args = []
            for p in op["params"]:
                if p["in"] == "path":
                    args.append("String %s" % p["ident"])
            if op["body"] is not None:
                args.append("%s body" % op["body"].text)
            args.append("%s params" % rec)
            replace = {}
            for p in query:
                if p["kind"] == "json-map":
                    replace[p["ident"]] = "params.%sJson()" % p["ident"][: -len("Json")]
                elif p["kind"] == "date-time":
                    replace[p["ident"]] = "params.%sString()" % p["ident"]
                else:
                    replace[p["ident"]] = "params.%s()" % p["ident"]
            doc = op_javadoc(op, params_record=rec,
                             note="Convenience overload taking the query parameters as a {@link %s} record." % rec)
            out.append("\n" + javadoc(doc, "    "))
            out.append("    default %s %s(%s) {\n" % (ret, op["id"], ", ".join(args)))
            out.append("        Objects.requireNonNull(params, \"params\");\n")
            imports.add("java.util.Objects")
            out.append("        %s%s(%s);\n    }\n" % (ret_kw, op["id"], self.call_args(op, replace)))
            if not any(p["required"] for p in query):
                args = args[:-1]
                doc = op_javadoc(op, params_record=None,
                                 note="Convenience overload with every query parameter omitted.")
                doc = [d for d in doc if not (d.startswith("@param") and any(
                    d.startswith("@param %s " % p["ident"]) for p in query))]
                out.append("\n" + javadoc(doc, "    "))
                out.append("    default %s %s(%s) {\n" % (ret, op["id"], ", ".join(args)))
                call = [a.split(" ")[-1] for a in args] + ["%s.builder().build()" % rec]
                out.append("        %s%s(%s);\n    }\n" % (ret_kw, op["id"], ", ".join(call)))
        return out

    def params_record(self, op, rec, query):
        imports = {"java.util.Objects"}
        props = []
        for p in query:
            if p["kind"] == "json-map":
                jt = map_of(STRING)
                ident = p["ident"][: -len("Json")]
            elif p["kind"] == "date-time":
                jt = DATETIME
                ident = p["ident"]
            else:
                jt = p["jtype"]
                ident = p["ident"]
            imports |= self.model_imports(jt)
            d = sentence(p["description"]) if p["description"] else "The {@code %s} query parameter." % html(p["wire"])
            d += " Required." if p["required"] else " Optional."
            props.append(Prop(p["wire"], ident, jt, None, p["required"], d))
        doc = [
            "Query parameters of {@link %s#%s} ({@code %s %s}). Every parameter is optional unless marked "
            "required; unset ones are not sent." % (self.iface, op["id"], op["method"].upper(), code(op["path"])),
            "",
            "<pre>{@code",
        ]
        example = "%s.builder()" % rec
        shown = [p for p in props if p.wire in ("limit", "offset")] or props[:1]
        for p in shown:
            v = {"Long": "100" if p.wire == "limit" else "0", "Integer": "1", "Boolean": "true",
                 "String": '"..."'}.get(p.jtype.text, "...")
            example += ".%s(%s)" % (p.ident, v)
        doc[-1] = "<pre>{@code\n%s params = %s.build();\n}</pre>" % (rec, example)
        doc.append("")
        for p in props:
            doc.append("@param %s %s" % (p.ident, p.description))
        helpers = []
        for p in props:
            if p.jtype.text == "OffsetDateTime":
                imports.add("java.time.format.DateTimeFormatter")
                helpers.append(
                    javadoc(["{@code %s} as sent on the wire (RFC 3339), or {@code null}." % p.ident], "    ")
                    + "    public String %sString() {\n        return %s == null ? null : "
                    "DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(%s);\n    }\n" % (p.ident, p.ident, p.ident)
                )
            if p.jtype.text == "Map<String, String>":
                imports.update({"jakarta.json.Json", "jakarta.json.JsonObjectBuilder"})
                helpers.append(
                    javadoc(["{@code %s} as sent on the wire (a JSON object), or {@code null}." % p.ident], "    ")
                    + "    public String %sJson() {\n        if (%s == null) {\n            return null;\n        }\n"
                    "        JsonObjectBuilder json = Json.createObjectBuilder();\n        %s.forEach(json::add);\n"
                    "        return json.build().toString();\n    }\n" % (p.ident, p.ident, p.ident)
                )
        for p in props:
            imports |= p.jtype.imports
        out = [HEADER, "package %s;\n\n" % self.pkg, imports_block(imports, self.pkg), javadoc(doc)]
        comps = ",\n".join("        %s %s" % (p.jtype.text, p.ident) for p in props)
        out.append(GENERATED)
        out.append("public record %s(\n%s) {\n" % (rec, comps))
        for h in helpers:
            out.append("\n" + h)
        out.append(emit_builder(rec, props, validate=[p for p in props if p.required]))
        out.append("}\n")
        return "".join(out)


def emit_top_level(tags_present):
    files = {}
    doc = [
        "One accessor per Schematic API resource (spec tag). The SDK's {@code Schematic} facade extends this "
        "interface, so every operation is reachable as {@code schematic.<resource>().<operationId>(...)}, "
        "e.g. {@code schematic.companies().getCompany(id)}.",
    ]
    imports = ["%s.%s.%s" % (BASE_PKG, t, TAGS[t][0]) for t in tags_present]
    out = [HEADER, "package %s;\n\n" % BASE_PKG, imports_block(imports, BASE_PKG), javadoc(doc)]
    out.append(GENERATED)
    out.append("public interface ApiResources {\n")
    body = []
    for t in tags_present:
        iface, acc = TAGS[t]
        body.append(javadoc(["Operations tagged {@code %s}." % t], "    ") + "    %s %s();\n" % (iface, acc))
    out.append("\n".join(body))
    out.append("}\n")
    files["ApiResources"] = "".join(out)

    doc = [
        "Creates (and caches) the client proxy for one API interface. Implemented by the SDK's HTTP layer "
        "on top of MicroProfile {@code RestClientBuilder}.",
    ]
    files["ClientFactory"] = "".join([
        HEADER, "package %s;\n\n" % BASE_PKG, imports_block([], BASE_PKG), javadoc(doc), GENERATED,
        "@FunctionalInterface\npublic interface ClientFactory {\n",
        javadoc(["Returns the client for {@code apiInterface}, one of {@link ApiResourceClients#INTERFACES}.",
                 "", "@param apiInterface the API interface", "@param <T> the interface type",
                 "@return the client; calls map non-2xx answers to {@link dev.schematic.SchematicApiException}"],
                "    "),
        "    <T> T client(Class<T> apiInterface);\n}\n",
    ])

    doc = [
        "{@link ApiResources} backed by a {@link ClientFactory}: each accessor asks the factory, which is "
        "expected to cache (this class does not).",
    ]
    out = [HEADER, "package %s;\n\n" % BASE_PKG, imports_block(imports + ["java.util.List", "java.util.Objects"], BASE_PKG),
           javadoc(doc)]
    out.append(GENERATED)
    out.append("public final class ApiResourceClients implements ApiResources {\n")
    out.append(javadoc(["Every API interface, one per spec tag, in tag order."], "    "))
    out.append("    public static final List<Class<?>> INTERFACES = List.of(%s);\n\n" % ", ".join(
        "%s.class" % TAGS[t][0] for t in tags_present))
    out.append("    private final ClientFactory factory;\n\n")
    out.append(javadoc(["@param factory creates (and caches) the client proxies"], "    "))
    out.append("    public ApiResourceClients(ClientFactory factory) {\n"
               "        this.factory = Objects.requireNonNull(factory, \"factory\");\n    }\n")
    for t in tags_present:
        iface, acc = TAGS[t]
        out.append("\n    @Override\n    public %s %s() {\n        return factory.client(%s.class);\n    }\n" % (iface, acc, iface))
    out.append("}\n")
    files["ApiResourceClients"] = "".join(out)
    return files


DOCS = os.path.join(ROOT, "docs", "api-client.md")
TABLE_START = "<!-- coverage-table:start (generated by tools/api-generator/generate.py) -->"
TABLE_END = "<!-- coverage-table:end -->"


def update_docs(by_tag, gen, docs=DOCS):
    """Rewrites the coverage table between the markers in docs/api-client.md, if the file has them."""
    if not docs or not os.path.exists(docs):
        return
    with open(docs, encoding="utf-8") as f:
        text = f.read()
    if TABLE_START not in text or TABLE_END not in text:
        return
    rows = [
        "| Tag | Interface | Accessor | Operations | Params records | Operations (operationId) |",
        "|---|---|---|---|---|---|",
    ]
    total = 0
    total_params = 0
    for tag, ops in by_tag.items():
        iface, acc = TAGS[tag]
        n_params = sum(1 for o in ops if sum(1 for p in o["params"] if p["in"] == "query" and not p["required"]) >= 2)
        total += len(ops)
        total_params += n_params
        names = ", ".join("`%s`" % o["id"] for o in sorted(ops, key=lambda o: o["id"]))
        rows.append("| `%s` | `%s` | `%s()` | %d | %d | %s |" % (tag, iface, acc, len(ops), n_params, names))
    rows.append("| **Total** | %d interfaces | | **%d of %d** | %d | |" % (len(by_tag), total, len(gen.ops), total_params))
    table = "\n".join(rows)
    before = text[: text.index(TABLE_START) + len(TABLE_START)]
    after = text[text.index(TABLE_END) :]
    new = before + "\n" + table + "\n" + after
    if new != text:
        with open(docs, "w", encoding="utf-8", newline="\n") as f:
            f.write(new)


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
        text = emit_enum(m) if m.kind == "enum" else emit_record(m)
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
