package dev.schematic.it.wildfly.telemetry;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The MicroProfile Telemetry scenario's application: flag checks inside the server's request spans. */
@ApplicationPath("/api")
public class TelemetryApplication extends Application {}
