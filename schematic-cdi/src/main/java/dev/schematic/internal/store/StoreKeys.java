package dev.schematic.internal.store;

import java.util.Locale;

/**
 * The logical cache keys of datastream.md §3.1, for one rules-engine version key. Key names and values are not
 * escaped ({@code :} is written through), so the layout stays that of the official SDKs.
 *
 * @param version the rules engine's version key ({@code {ver}})
 */
public record StoreKeys(String version) {

    /** {@code flags:{ver}:{lower(flagKey)}}. */
    public String flag(String flagKey) {
        return flagPrefix() + lower(flagKey);
    }

    /** {@code flags:{ver}:}, the prefix of every flag of this version. */
    public String flagPrefix() {
        return "flags:" + version + ":";
    }

    /** {@code company:{ver}:{id}} (the id is not lower-cased). */
    public String company(String id) {
        return "company:" + version + ":" + id;
    }

    /** {@code company:{ver}:{lower(name)}:{lower(value)}}. */
    public String companyLookup(String name, String value) {
        return "company:" + version + ":" + lower(name) + ":" + lower(value);
    }

    /** {@code user:{ver}:{id}}. */
    public String user(String id) {
        return "user:" + version + ":" + id;
    }

    /** {@code user:{ver}:{lower(name)}:{lower(value)}}. */
    public String userLookup(String name, String value) {
        return "user:" + version + ":" + lower(name) + ":" + lower(value);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
