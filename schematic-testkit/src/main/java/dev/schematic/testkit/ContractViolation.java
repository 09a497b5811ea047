package dev.schematic.testkit;

import java.util.List;

/**
 * A request the fake received, or a response it sent, that its OpenAPI operation's schema rejects.
 *
 * @param direction {@code "request"} or {@code "response"}
 * @param method the HTTP method
 * @param path the request path
 * @param operation the OpenAPI operation ({@code operationId}, or {@code capture} for {@code POST /batch})
 * @param status the response status ({@code 0} for a request violation)
 * @param messages the validator's messages, each naming the offending member
 */
public record ContractViolation(
        String direction, String method, String path, String operation, int status, List<String> messages) {

    public ContractViolation {
        messages = List.copyOf(messages);
    }

    @Override
    public String toString() {
        return direction + " " + method + " " + path + " (" + operation + (status == 0 ? "" : ", HTTP " + status)
                + "): " + String.join("; ", messages);
    }
}
