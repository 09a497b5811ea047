package dev.schematic.internal.rules;

/** The rules engine's WASM module could not be loaded or does not have the rules-engine interface. */
public class RulesEngineException extends RuntimeException {
    public RulesEngineException(String message) {
        super(message);
    }

    public RulesEngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
