"""The generator's type model: Java type references, properties and models."""

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
        self.kind = kind  # record | enum | sealed (a oneOf with a discriminator)
        self.description = description
        self.source = source  # where it comes from, for Javadoc
        self.props = []
        self.values = []
        self.builder = False
        self.union_of = []
        self.examples = {}
        self.implements = []  # sealed interfaces this record is a variant of
        self.discriminator = None  # sealed: the discriminating property's wire name
        self.mapping = []  # sealed: (wire value, variant model name), in spec order
        self.doc_html = None  # generator-written Javadoc (already HTML), used when the spec has no description
