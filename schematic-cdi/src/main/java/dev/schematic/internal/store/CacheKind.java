package dev.schematic.internal.store;

/** The five logical caches of the DataStream (datastream.md §3.1). */
public enum CacheKind {
    /** {@code flags:{ver}:{lower(key)}} → flag JSON. */
    FLAGS,
    /** {@code company:{ver}:{id}} → company JSON. */
    COMPANIES,
    /** {@code company:{ver}:{lower(name)}:{lower(value)}} → the company id as a JSON string. */
    COMPANY_LOOKUP,
    /** {@code user:{ver}:{id}} → user JSON. */
    USERS,
    /** {@code user:{ver}:{lower(name)}:{lower(value)}} → the user id as a JSON string. */
    USER_LOOKUP
}
