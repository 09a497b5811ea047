package dev.schematic.it.quarkus;

import dev.schematic.EvaluationContext;
import jakarta.ws.rs.BadRequestException;

/** Who is calling: the company and user keys Schematic knows them by. */
final class Caller {
    private Caller() {}

    /** The caller's company ({@code X-Company-Id}, required here) and user ({@code X-User-Email}, optional). */
    static EvaluationContext of(String companyId, String email) {
        if (companyId == null || companyId.isBlank()) {
            throw new BadRequestException("the X-Company-Id header is required");
        }
        // a missing e-mail header is a null value: the context leaves it out
        return EvaluationContext.company("id", companyId).withUser("email", blankToNull(email));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
