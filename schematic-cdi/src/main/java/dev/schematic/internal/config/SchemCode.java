package dev.schematic.internal.config;

import dev.schematic.SchematicConfigException;

/**
 * Every stable error code of the SDK's configuration, in one place. A message reads {@code <code> <key>: <problem>},
 * e.g. {@code SCHEM102 schematic.timeout: expected a duration such as 5s, 250ms or PT5S, got 'soon'}; users search for
 * the code, so a code keeps its meaning forever. docs/configuration.md lists each one (a test checks it).
 */
public enum SchemCode {
    SCHEM100("the API key is missing and the client is not offline"),
    SCHEM101("a value is empty where one is required"),
    SCHEM102("not a duration (5s, 250ms, 2m, 1h, 1d, PT5S or plain seconds)"),
    SCHEM103("not true or false"),
    SCHEM104("not a whole number"),
    SCHEM105("a number out of its range"),
    SCHEM106("a duration shorter than allowed (or reconnect max-delay below min-delay)"),
    SCHEM107("not an http(s) URL with a host"),
    SCHEM108("SchematicBuilder.property was given a key outside schematic.*"),
    SCHEM109("a schematic.flag-defaults list entry is not <flag-key>=true or <flag-key>=false"),
    SCHEM300("an unknown schematic.rules.* key (a typo)"),
    SCHEM301("schematic.rules.wasm is not a readable file"),
    SCHEM302("schematic.rules.pool-size is not a number from 1 to 1024"),
    SCHEM303("schematic.rules.memo-size is not a number from 0 to 10,000,000"),
    SCHEM401("a @VerifiedSchematicWebhook endpoint has no secret"),
    SCHEM402("schematic.webhooks.tolerance is not a duration (or off)"),
    SCHEM403("schematic.webhooks.max-body-size is not a size from 1 byte to about 2 GiB"),
    SCHEM404("schematic.webhooks.body-timeout is not a positive duration"),
    SCHEM500("schematic.datastream.store is not embedded, remote or redis"),
    SCHEM501("store=redis without the Redis client (redis.clients:jedis) on the class path"),
    SCHEM502("schematic.datastream.url is not a ws(s) or http(s) URL"),
    SCHEM503("schematic.datastream.remote.servers is not a host:port;host:port list"),
    SCHEM504("schematic.datastream.redis.url is not redis://host:port/db or rediss://…"),
    SCHEM505("schematic.datastream.replicator-health-url is not an http(s) URL"),
    SCHEM506("replicator mode with store=remote (the replicator writes Redis)");

    private final String meaning;

    SchemCode(String meaning) {
        this.meaning = meaning;
    }

    /** What the code means, one line (the table in docs/configuration.md). */
    public String meaning() {
        return meaning;
    }

    /** The exception users see: {@code <code> <key>: <problem>}. */
    public SchematicConfigException error(String key, String problem) {
        return new SchematicConfigException(name(), key, problem);
    }
}
