"""Emits one tag package: the public API interface, its HTTP mapping (the interface MicroProfile Rest Client
builds) and the Params records."""

from emit_model import GENERATED, HEADER, imports_block
from emit_params import params_record
from javadoc import code, html, javadoc, sentence
from naming import API_EXCEPTION, BASE_PKG, MODEL_PKG, TAGS, pascal


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
        "@throws %s on any non-2xx status (subclasses for 400, 401, 403, 404, 500)" % API_EXCEPTION
    )
    return lines


def has_params(op):
    """An operation with two or more optional query parameters takes them as one Params record."""
    return sum(1 for p in op["params"] if p["in"] == "query" and not p["required"]) >= 2


def query_of(op):
    return [p for p in op["params"] if p["in"] == "query"]


def signature(op):
    return tuple((p["wire"], p["kind"], p["jtype"].text, p["required"]) for p in query_of(op))


def plan_params(ops):
    """op id -> Params record name, and record name -> its operations. A countX operation whose query
    parameters are exactly those of listX shares listX's record instead of getting an identical copy."""
    by_id = {op["id"]: op for op in ops}
    names, owners = {}, {}
    for op in ops:
        if not has_params(op):
            continue
        rec = pascal(op["id"]) + "Params"
        if op["id"].startswith("count"):
            twin = by_id.get("list" + op["id"][len("count") :])
            if twin is not None and has_params(twin) and signature(twin) == signature(op):
                rec = pascal(twin["id"]) + "Params"
        names[op["id"]] = rec
        owners.setdefault(rec, []).append(op)
    for rec in owners:
        owners[rec].sort(key=lambda o: (not o["id"].startswith("list"), o["id"]))
    return names, owners


def http_name(iface):
    return (iface[: -len("Api")] if iface.endswith("Api") else iface) + "Http"


class TagWriter:
    def __init__(self, gen, tag, ops):
        self.gen = gen
        self.tag = tag
        self.ops = ops
        self.iface, self.accessor = TAGS[tag]
        self.http = http_name(self.iface)
        self.pkg = "%s.%s" % (BASE_PKG, tag)
        self.params, self.owners = plan_params(ops)
        self.files = {}

    def model_imports(self, jt):
        return {"%s.%s" % (MODEL_PKG, n) for n in jt.models} | jt.imports

    def write(self):
        for rec, ops in sorted(self.owners.items()):
            self.files[rec] = params_record(self.pkg, self.iface, ops, rec, query_of(ops[0]), self.model_imports)
        self.files[self.iface] = self.public_interface()
        self.files[self.http] = self.http_interface()
        return self.files

    # ------------------------------------------------------------ shared pieces

    def ret(self, op, imports):
        if op["ret_kind"] == "void":
            return "void"
        imports.update(self.model_imports(op["ret"]))
        return op["ret"].text

    def lead(self, op, imports, annotated):
        """Path parameters then the body, as 'Type name' (with @PathParam when annotated)."""
        args = []
        for p in op["params"]:
            if p["in"] == "path":
                imports.update(self.model_imports(p["jtype"]))
                if annotated:
                    imports.add("jakarta.ws.rs.PathParam")
                    args.append('@PathParam("%s") %s %s' % (p["wire"], p["jtype"].text, p["ident"]))
                else:
                    args.append("%s %s" % (p["jtype"].text, p["ident"]))
            elif p["in"] != "query":
                raise ValueError("unsupported parameter location %s in %s" % (p["in"], op["id"]))
        if op["body"] is not None:
            imports.update(self.model_imports(op["body"]))
            args.append("%s body" % op["body"].text)
        return args

    def positional(self, op, imports, annotated):
        args = self.lead(op, imports, annotated)
        for p in query_of(op):
            imports.update(self.model_imports(p["jtype"]))
            if annotated:
                imports.add("jakarta.ws.rs.QueryParam")
                args.append('@QueryParam("%s") %s %s' % (p["wire"], p["jtype"].text, p["ident"]))
            else:
                args.append("%s %s" % (p["jtype"].text, p["ident"]))
        return args

    @staticmethod
    def names(args):
        return [a.split(" ")[-1] for a in args]

    # ------------------------------------------------------------ the public interface

    def public_interface(self):
        imports = set()
        methods = [self.public_method(op, imports) for op in self.ops]
        doc = [
            "Operations of the Schematic API tagged {@code %s} (%d operations)." % (self.tag, len(self.ops)),
            "",
            "<p>Obtain an instance from the SDK facade ({@code schematic.%s()}, see {@link "
            "dev.schematic.api.ApiResources}). The SDK's HTTP layer implements it through {@link %s}, its HTTP "
            "mapping, adds the API key and maps every non-2xx answer to {@link %s} "
            "(a runtime exception), so no method declares a checked exception. An operation with two or more "
            "optional query parameters takes them as one {@code ...Params} record."
            % (self.accessor, self.http, API_EXCEPTION),
        ]
        out = [HEADER, "package %s;\n\n" % self.pkg, imports_block(imports, self.pkg), javadoc(doc), GENERATED]
        out.append("public interface %s {\n" % self.iface)
        out.append("\n".join(methods))
        out.append("}\n")
        return "".join(out)

    def public_method(self, op, imports):
        ret = self.ret(op, imports)
        ret_kw = "" if ret == "void" else "return "
        dep = "    @Deprecated\n" if op["deprecated"] else ""
        rec = self.params.get(op["id"])
        if rec is None:
            args = self.positional(op, imports, annotated=False)
            out = [javadoc(op_javadoc(op), "    "), dep, "    %s %s(%s);\n" % (ret, op["id"], ", ".join(args))]
            if any(p["kind"] == "json-map" for p in query_of(op)):
                out.append(self.map_overload(op, imports, ret, dep))
            return "".join(out)
        lead = self.lead(op, imports, annotated=False)
        out = [javadoc(op_javadoc(op, params_record=rec), "    "), dep]
        out.append("    %s %s(%s);\n" % (ret, op["id"], ", ".join(lead + ["%s params" % rec])))
        if not any(p["required"] for p in query_of(op)):
            doc = op_javadoc(op, note="Convenience overload with every query parameter omitted.")
            idents = {p["ident"] for p in query_of(op)}
            doc = [d for d in doc if not (d.startswith("@param ") and d.split(" ")[1] in idents)]
            out.append("\n" + javadoc(doc, "    ") + dep)
            out.append("    default %s %s(%s) {\n" % (ret, op["id"], ", ".join(lead)))
            call = self.names(lead) + ["%s.builder().build()" % rec]
            out.append("        %s%s(%s);\n    }\n" % (ret_kw, op["id"], ", ".join(call)))
        return "".join(out)

    def map_overload(self, op, imports, ret, dep):
        """For JSON-encoded map query parameters: an overload taking Map<String, String>."""
        imports.update({"java.util.Map", "jakarta.json.Json", "jakarta.json.JsonObjectBuilder"})
        ret_kw = "" if ret == "void" else "return "
        args = self.lead(op, imports, annotated=False)
        call = self.names(args)
        extra = {}
        json_maps = []
        for p in query_of(op):
            if p["kind"] == "json-map":
                name = p["ident"][: -len("Json")]
                json_maps.append(name)
                args.append("Map<String, String> %s" % name)
                call.append("%sJsonValue" % name)
                extra[p["ident"]] = (
                    name,
                    (sentence(p["description"]) if p["description"] else "")
                    + " Sent as one JSON-encoded query parameter ({@code %s={\"k\":\"v\"}}), which the API "
                    "accepts in place of deep-object brackets ({@code %s[k]=v})." % (html(p["wire"]), html(p["wire"])),
                )
            else:
                args.append("%s %s" % (p["jtype"].text, p["ident"]))
                call.append(p["ident"])
        doc = op_javadoc(op, extra_params=extra,
                         note="Convenience overload: encodes the map as JSON and delegates to the HTTP-mapped method.")
        out = ["\n", javadoc(doc, "    "), dep, "    default %s %s(%s) {\n" % (ret, op["id"], ", ".join(args))]
        for name in json_maps:
            out.append("        String %sJsonValue = null;\n" % name)
            out.append("        if (%s != null) {\n" % name)
            out.append("            JsonObjectBuilder json = Json.createObjectBuilder();\n")
            out.append("            %s.forEach(json::add);\n" % name)
            out.append("            %sJsonValue = json.build().toString();\n        }\n" % name)
        out.append("        %s%s(%s);\n    }\n" % (ret_kw, op["id"], ", ".join(call)))
        return "".join(out)

    # ------------------------------------------------------------ the HTTP mapping

    def http_interface(self):
        imports = {"jakarta.ws.rs.Consumes", "jakarta.ws.rs.Produces", "jakarta.ws.rs.Path",
                   "jakarta.ws.rs.core.MediaType"}
        methods = [self.http_method(op, imports) for op in self.ops]
        doc = [
            "The HTTP mapping of {@link %s} for MicroProfile Rest Client: one JAX-RS method per operation, with "
            "every query parameter as its own argument." % self.iface,
            "",
            "<p>The SDK's HTTP layer builds this interface with {@code RestClientBuilder} and hands it out as a "
            "{@link %s}; application code does not need it. The {@code Params} methods of {@link %s} are "
            "implemented here as default methods that pass the record's fields positionally." % (self.iface, self.iface),
        ]
        out = [HEADER, "package %s;\n\n" % self.pkg, imports_block(imports, self.pkg), javadoc(doc)]
        out.append("@Produces(MediaType.APPLICATION_JSON)\n@Consumes(MediaType.APPLICATION_JSON)\n")
        out.append(GENERATED)
        out.append("public interface %s extends %s {\n" % (self.http, self.iface))
        out.append("\n".join(methods))
        out.append("}\n")
        return "".join(out)

    def http_method(self, op, imports):
        imports.add("jakarta.ws.rs." + http_annotation(op["method"]))
        ret = self.ret(op, imports)
        args = self.positional(op, imports, annotated=True)
        rec = self.params.get(op["id"])
        out = []
        if rec is None:
            out.append("    @Override\n")
        else:
            lead = self.lead(op, set(), annotated=False)
            sig = ", ".join([a.split(" ")[0].split("<")[0] for a in lead] + [rec])
            out.append(javadoc([
                "{@code %s %s} with every query parameter positionally; {@link %s#%s(%s)} is the method to call."
                % (op["method"].upper(), code(op["path"]), self.iface, op["id"], sig),
            ], "    "))
        if op["deprecated"]:
            out.append("    @Deprecated\n")
        out.append("    @%s\n" % http_annotation(op["method"]))
        out.append('    @Path("%s")\n' % op["path"])
        if op["ret_kind"] == "binary":
            out.append("    @Produces(MediaType.WILDCARD)\n")
        out.append("    %s %s(%s);\n" % (ret, op["id"], ", ".join(args)))
        if rec is not None:
            out.append(self.params_default(op, imports, ret, rec))
        return "".join(out)

    def params_default(self, op, imports, ret, rec):
        imports.add("java.util.Objects")
        ret_kw = "" if ret == "void" else "return "
        lead = self.lead(op, imports, annotated=False)
        call = self.names(lead)
        for p in query_of(op):
            if p["kind"] == "json-map":
                call.append("params.%sJson()" % p["ident"][: -len("Json")])
            elif p["kind"] == "date-time":
                call.append("params.%sString()" % p["ident"])
            else:
                call.append("params.%s()" % p["ident"])
        out = ["\n    @Override\n"]
        if op["deprecated"]:
            out.append("    @Deprecated\n")
        out.append("    default %s %s(%s) {\n" % (ret, op["id"], ", ".join(lead + ["%s params" % rec])))
        out.append("        Objects.requireNonNull(params, \"params\");\n")
        out.append("        %s%s(%s);\n    }\n" % (ret_kw, op["id"], ", ".join(call)))
        return "".join(out)
