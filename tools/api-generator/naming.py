"""Package and tag names, and the wire-name -> Java identifier rules."""

import os
import re

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BASE_PKG = "dev.schematic.api"
MODEL_PKG = BASE_PKG + ".model"
# the one SDK class the generated code names (in Javadoc only; no generated file imports an SDK class)
API_EXCEPTION = "dev.schematic.SchematicApiException"

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


def java_string(v):
    return str(v).replace("\\", "\\\\").replace('"', '\\"')
