package dev.schematic.internal.rules;

/** Why the engine could not produce a result; the result then carries the flag's default value. */
public enum RulesFailure {
    /** The WASM module could not be loaded (bad file, missing exports, ...); {@code reason} RULES_ENGINE_UNAVAILABLE. */
    UNAVAILABLE("RULES_ENGINE_UNAVAILABLE"),
    /** {@code checkFlagCombined} returned a negative status: the engine rejected the input. */
    REJECTED("RULES_ENGINE_ERROR: input rejected by the rules engine (status -1)"),
    /** The WASM code trapped (or overflowed its stack); the instance is discarded. */
    TRAP("RULES_ENGINE_ERROR: rules engine trapped"),
    /** The engine's output was not the expected JSON. */
    MALFORMED_OUTPUT("RULES_ENGINE_ERROR: malformed rules engine output");

    private final String reason;

    RulesFailure(String reason) {
        this.reason = reason;
    }

    /** The {@link RulesResult#reason()} of a result with this failure. */
    public String reason() {
        return reason;
    }
}
