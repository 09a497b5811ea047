"""Emits a oneOf with a discriminator as a sealed interface: its variants are the component records, plus
Unknown, which keeps any object the SDK cannot read as a known variant."""

from emit_model import GENERATED, HEADER, imports_block
from javadoc import html, javadoc, sentence
from naming import MODEL_PKG, java_string

IMPORTS = [
    "jakarta.json.Json",
    "jakarta.json.JsonObject",
    "jakarta.json.JsonString",
    "jakarta.json.JsonValue",
    "jakarta.json.bind.JsonbException",
    "jakarta.json.bind.annotation.JsonbTypeDeserializer",
    "jakarta.json.bind.serializer.DeserializationContext",
    "jakarta.json.bind.serializer.JsonbDeserializer",
    "jakarta.json.stream.JsonParser",
    "java.lang.reflect.Type",
    "java.util.AbstractMap",
    "java.util.Map",
    "java.util.Objects",
    "java.util.Set",
]


def emit_sealed(m):
    disc = m.discriminator
    doc = [sentence(m.description) if m.description else "The {@code %s} schema of the Schematic API." % m.name, ""]
    doc.append(
        "<p>One of %s, told apart by the {@code %s} member. Write a variant record to send one; switch over the "
        "variants (or use {@code instanceof}) to read one." % (
            ", ".join("{@link %s} ({@code \"%s\"})" % (v, html(value)) for value, v in m.mapping), html(disc))
    )
    doc.append("")
    doc.append(
        "<p>Reading is lenient: an object whose {@code %s} is missing or not one of those values, or that does "
        "not read as its variant, becomes an {@link Unknown} holding the object as received, which is written "
        "back unchanged; JSON {@code null} reads as {@code null}." % html(disc)
    )
    permits = [v for v in dict.fromkeys(v for _, v in m.mapping)] + ["%s.Unknown" % m.name]
    out = [HEADER, "package %s;\n\n" % MODEL_PKG, imports_block(IMPORTS, MODEL_PKG), javadoc(doc)]
    out.append("@JsonbTypeDeserializer(%s.Reader.class)\n" % m.name)
    out.append(GENERATED)
    out.append("public sealed interface %s permits %s {\n" % (m.name, ", ".join(permits)))
    out.append(javadoc(["The discriminating member's wire name, {@code \"%s\"}." % html(disc)], "    "))
    out.append('    String DISCRIMINATOR = "%s";\n\n' % java_string(disc))
    out.append(unknown(m, disc))
    out.append("\n")
    out.append(reader(m, disc))
    out.append("}\n")
    return "".join(out)


def unknown(m, disc):
    doc = [
        "A {@code %s} the SDK does not know as one of its variants (a new {@code %s} value, or an object that does "
        "not read as its variant). It is the JSON object itself: a {@code Map} of its members, written back "
        "exactly as received." % (m.name, html(disc)),
    ]
    return "".join([
        javadoc(doc, "    "),
        "    final class Unknown extends AbstractMap<String, JsonValue> implements %s {\n" % m.name,
        "        private final JsonObject raw;\n\n",
        "        public Unknown(JsonObject raw) {\n",
        '            this.raw = Objects.requireNonNull(raw, "raw");\n        }\n\n',
        javadoc(["The object as received."], "        "),
        "        public JsonObject raw() {\n            return raw;\n        }\n\n",
        javadoc(["The {@code %s} value as a string, or {@code null} if absent or not a string." % html(disc)],
                "        "),
        "        public String discriminator() {\n",
        "            JsonValue value = raw.get(DISCRIMINATOR);\n",
        "            return value instanceof JsonString s ? s.getString() : null;\n        }\n\n",
        "        @Override\n        public Set<Map.Entry<String, JsonValue>> entrySet() {\n",
        "            return raw.entrySet();\n        }\n",
        "    }\n",
    ])


def reader(m, disc):
    doc = [
        "JSON-B deserializer: picks the variant by {@code %s}; anything else becomes {@link Unknown}, never an "
        "exception (a JSON value that is not an object is the only error)." % html(disc)
    ]
    out = [javadoc(doc, "    ")]
    out.append("    final class Reader implements JsonbDeserializer<%s> {\n" % m.name)
    out.append("        @Override\n")
    out.append("        public %s deserialize(JsonParser parser, DeserializationContext context, Type type) {\n"
               % m.name)
    out.append("            JsonValue value = context.deserialize(JsonValue.class, parser);\n")
    out.append("            if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {\n"
               "                return null;\n            }\n")
    out.append("            if (!(value instanceof JsonObject raw)) {\n")
    out.append('                throw new JsonbException("%s: expected a JSON object, got " + value.getValueType());\n'
               % m.name)
    out.append("            }\n")
    out.append("            Class<? extends %s> variant = variant(new Unknown(raw).discriminator());\n" % m.name)
    out.append("            if (variant == null) {\n                return new Unknown(raw);\n            }\n")
    out.append("            try {\n")
    out.append("                return context.deserialize(variant, Json.createParserFactory(null).createParser(raw));\n")
    out.append("            } catch (JsonbException e) {\n                return new Unknown(raw);\n            }\n")
    out.append("        }\n\n")
    out.append("        private static Class<? extends %s> variant(String value) {\n" % m.name)
    out.append("            if (value == null) {\n                return null;\n            }\n")
    out.append("            return switch (value) {\n")
    for value, v in m.mapping:
        out.append('                case "%s" -> %s.class;\n' % (java_string(value), v))
    out.append("                default -> null;\n            };\n        }\n    }\n")
    return "".join(out)
