package dev.schematic.testkit;

/** Thrown by an endpoint to become an {@code ApiError} response ({@code {"error": message}}) with {@code status}. */
final class FakeApiException extends RuntimeException {
    final int status;

    FakeApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }
}
