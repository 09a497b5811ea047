package dev.schematic;

/**
 * A configuration value is missing or invalid. The message starts with a stable code ({@code SCHEM1xx}) and names
 * the {@code schematic.*} key, what was expected and what was found, e.g.
 * {@code SCHEM102 schematic.timeout: expected a duration such as 5s, 250ms or PT5S, got 'soon'}.
 */
public class SchematicConfigException extends SchematicException {
    private final String key;

    public SchematicConfigException(String code, String key, String problem) {
        super(code + " " + key + ": " + problem);
        this.key = key;
    }

    /** The full configuration key, e.g. {@code schematic.timeout}. */
    public String key() {
        return key;
    }
}
