"""Reads the spec: schemas -> models, paths -> operations."""

from javadoc import code
from jtypes import BOOLEAN, DATE, DATETIME, DOUBLE, FREE_MAP, INTEGER, LONG, OBJECT, STRING, JType, Model, Prop, list_of, map_of
from naming import BASE_PKG, HTTP_METHODS, TAGS, pascal, safe_ident


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
        variants = [self.unwrap(v) for v in variants]
        for v in variants:
            v = self.unwrap(v)
            if "$ref" not in v:
                raise ValueError("inline union member in " + m.name)
            vname = self.ref_name(v["$ref"])
            self.ensure_component(vname)
            m.union_of.append(vname)
        if self.sealed(m, schema):
            return
        for vname in m.union_of:
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

    def sealed(self, m, schema):
        """A oneOf with a discriminator whose variants are all records becomes a sealed interface the variants
        implement. Values the mapping leaves out default to the schema name (OpenAPI's implicit mapping)."""
        disc = schema.get("discriminator") or {}
        if not disc.get("propertyName") or not all(self.models[v].kind == "record" for v in m.union_of):
            return False
        by_variant = {}
        for value, ref in (disc.get("mapping") or {}).items():
            by_variant.setdefault(self.ref_name(ref), []).append(str(value))
        m.kind = "sealed"
        m.discriminator = disc["propertyName"]
        for vname in m.union_of:
            for value in by_variant.get(vname) or [vname]:
                m.mapping.append((value, vname))
            self.models[vname].implements.append(m.name)
        return True

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
            if m.kind == "sealed":
                stack.extend(m.union_of)
            elif m.kind == "record":
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
