package dev.schematic.it.quarkus;

import jakarta.ws.rs.BadRequestException;
import java.util.Map;

/** Who is calling: the company and user keys Schematic knows them by. */
final class Caller {
    private Caller() {}

    static Map<String, String> company(String companyId) {
        if (companyId == null || companyId.isBlank()) {
            throw new BadRequestException("the X-Company-Id header is required");
        }
        return Map.of("id", companyId);
    }

    static Map<String, String> user(String email) {
        return email == null || email.isBlank() ? Map.of() : Map.of("email", email);
    }
}
