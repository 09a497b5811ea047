package dev.schematic.it.wildfly.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The sample application deployed to WildFly: a small shop API that gates, meters and reacts through Schematic. */
@ApplicationPath("/api")
public class ShopApplication extends Application {}
