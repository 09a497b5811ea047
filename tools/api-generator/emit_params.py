"""Emits the Params record of an operation's query parameters (one record for a list operation and its
identical count twin)."""

from emit_model import GENERATED, HEADER, emit_builder, imports_block
from javadoc import code, html, javadoc, sentence
from jtypes import DATETIME, STRING, Prop, map_of


def params_record(pkg, iface, ops, rec, query, model_imports):
    """The record of the query parameters `query` shared by `ops` (a list operation and its count twin)."""
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
        imports |= model_imports(jt)
        d = sentence(p["description"]) if p["description"] else "The {@code %s} query parameter." % html(p["wire"])
        d += " Required." if p["required"] else " Optional."
        props.append(Prop(p["wire"], ident, jt, None, p["required"], d))
    doc = [
        "Query parameters of %s. Every parameter is optional unless marked required; unset ones are not sent."
        % " and ".join(
            "{@link %s#%s} ({@code %s %s})" % (iface, op["id"], op["method"].upper(), code(op["path"])) for op in ops
        ),
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
    out = [HEADER, "package %s;\n\n" % pkg, imports_block(imports, pkg), javadoc(doc)]
    comps = ",\n".join("        %s %s" % (p.jtype.text, p.ident) for p in props)
    out.append(GENERATED)
    out.append("public record %s(\n%s) {\n" % (rec, comps))
    for h in helpers:
        out.append("\n" + h)
    out.append(emit_builder(rec, props, validate=[p for p in props if p.required]))
    out.append("}\n")
    return "".join(out)
