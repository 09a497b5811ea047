package dev.schematic.it.wildfly.openfeature;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The OpenFeature scenario's application: code written against OpenFeature's API, with schematic-openfeature. */
@ApplicationPath("/api")
public class FeaturesApplication extends Application {}
