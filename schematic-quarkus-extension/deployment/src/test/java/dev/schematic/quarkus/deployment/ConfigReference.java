package dev.schematic.quarkus.deployment;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders docs/quarkus-config.md from what Quarkus' extension annotation processor ({@code quarkus-extension-processor})
 * writes while compiling the extension: {@code META-INF/quarkus-config-doc/quarkus-config-model.json} (every key of the
 * typed config mappings with its type, default and environment variable) and {@code quarkus-config-javadoc.json} (the
 * members' Javadoc). Those files are what Quarkus' own config-doc tooling renders as AsciiDoc; this renders them as
 * Markdown for the docs folder.
 */
final class ConfigReference {
    static final String MODEL = "META-INF/quarkus-config-doc/quarkus-config-model.json";
    static final String JAVADOC = "META-INF/quarkus-config-doc/quarkus-config-javadoc.json";
    private static final Pattern INLINE_TAG =
            Pattern.compile("\\{@(?:code|literal|link|linkplain)\\s+([^{}]*(?:\\{[^{}]*\\}[^{}]*)*)\\}");

    private ConfigReference() {}

    /** The page for every config root of the Schematic extension found on the class path. */
    static String render(ClassLoader loader) {
        List<JsonObject> roots = new ArrayList<>();
        Map<String, String> javadoc = new HashMap<>();
        for (URL url : resources(loader, MODEL)) {
            for (JsonValue root : read(url).getJsonArray("configRoots")) {
                if (root.asJsonObject().getString("prefix").contains("schematic")) {
                    roots.add(root.asJsonObject());
                }
            }
        }
        for (URL url : resources(loader, JAVADOC)) {
            read(url)
                    .getJsonObject("elements")
                    .forEach((k, v) -> javadoc.put(k, v.asJsonObject().getString("description")));
        }
        // runtime keys (schematic.*) first, then build time (quarkus.schematic.*)
        roots.sort(Comparator.comparing((JsonObject r) -> r.getString("prefix").startsWith("quarkus.")));
        StringBuilder page = new StringBuilder();
        page.append("# Quarkus extension: configuration reference\n\n")
                .append("<!-- Generated from the extension's typed config mappings by ConfigReferenceTest")
                .append(" (schematic-quarkus-extension/deployment); do not edit by hand. -->\n\n")
                .append("Every key of the Quarkus extension, generated from its typed config mappings")
                .append(" (`SchematicRuntimeConfig` and its groups for `schematic.*`, `SchematicBuildTimeConfig` for")
                .append(" `quarkus.schematic.*`) by Quarkus' extension annotation processor, with the Javadoc of each")
                .append(" member. The `schematic.*` keys are the SDK's own, the same in every runtime")
                .append(
                        " ([configuration.md](configuration.md)); values are checked by the SDK's catalogue at startup.")
                .append(" Durations: `250ms`, `5s`, `2m`, `1h`, `1d`, plain seconds or ISO-8601; booleans: `true` or")
                .append(" `false`. See [quarkus.md](quarkus.md#configuration).\n");
        for (JsonObject root : roots) {
            String prefix = root.getString("prefix");
            boolean buildTime = prefix.startsWith("quarkus.");
            page.append("\n## `").append(prefix).append(".*`").append(buildTime ? " (build time)" : " (runtime)");
            page.append("\n\n| key | type | default | description |\n|---|---|---|---|\n");
            List<JsonObject> properties = new ArrayList<>();
            collect(root.getJsonArray("items").getValuesAs(JsonObject.class), properties);
            for (JsonObject p : properties) {
                page.append(row(p, javadoc)).append('\n');
            }
        }
        return page.toString();
    }

    private static void collect(List<JsonObject> items, List<JsonObject> into) {
        for (JsonObject item : items) {
            if (item.containsKey("items")) {
                collect(item.getJsonArray("items").getValuesAs(JsonObject.class), into);
            } else {
                into.add(item);
            }
        }
    }

    private static String row(JsonObject p, Map<String, String> javadoc) {
        JsonObject path = p.getJsonObject("path");
        String key = path.getString("property");
        String env = path.getString("environmentVariable", null);
        String type = "`" + cell(p.getString("typeDescription", p.getString("type"))) + "`";
        if (p.getBoolean("enum", false) && p.containsKey("enumAcceptedValues")) {
            type = enumValues(p.getJsonObject("enumAcceptedValues"));
        }
        String defaultValue = p.getString("defaultValue", null);
        if (defaultValue != null && type.equals("`Duration`")) {
            defaultValue = defaultValue.toLowerCase(Locale.ROOT);
        }
        String description =
                javadoc.getOrDefault(p.getString("sourceType") + "." + p.getString("sourceElementName"), "");
        return "| `" + key + "`" + (env == null ? "" : "<br>env `" + env + "`") + " | " + type + " | "
                + (defaultValue == null ? "—" : "`" + cell(defaultValue) + "`") + " | " + markdown(description) + " |";
    }

    private static String enumValues(JsonObject accepted) {
        List<String> values = new ArrayList<>();
        JsonObject map = accepted.getJsonObject("values");
        if (map == null) {
            return "enum";
        }
        // the SDK's converter reads them in lower case (the processor cannot see a custom converter's spelling)
        map.forEach((k, v) ->
                values.add("`" + v.asJsonObject().getString("configValue", k).toLowerCase(Locale.ROOT) + "`"));
        return String.join(", ", values);
    }

    /** Javadoc as one Markdown table cell: inline tags as code, paragraphs as spaces. */
    static String markdown(String javadoc) {
        String text = javadoc.replaceAll("<p>", " ").replaceAll("</?[a-zA-Z]+>", "");
        Matcher m = INLINE_TAG.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement("`" + m.group(1).strip() + "`"));
        }
        m.appendTail(b);
        return cell(b.toString().replaceAll("\\s+", " ").strip());
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    private static List<URL> resources(ClassLoader loader, String name) {
        try {
            List<URL> urls = Collections.list(loader.getResources(name));
            urls.sort(Comparator.comparing(URL::toString));
            return urls;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonObject read(URL url) {
        try (InputStream in = url.openStream();
                JsonReader reader = Json.createReader(in)) {
            return reader.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(url.toString(), e);
        }
    }
}
