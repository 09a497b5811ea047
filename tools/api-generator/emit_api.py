"""Emits one tag package: its API interfaces and Params records."""

from emit_model import GENERATED, HEADER, emit_builder, imports_block
from javadoc import code, html, javadoc, sentence
from jtypes import DATETIME, STRING, Prop, map_of
from naming import BASE_PKG, MODEL_PKG, TAGS, pascal


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
