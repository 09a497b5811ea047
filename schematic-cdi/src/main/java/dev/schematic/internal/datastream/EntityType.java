package dev.schematic.internal.datastream;

import dev.schematic.internal.store.CacheKind;
import dev.schematic.internal.store.StoreKeys;

/** Companies and users: their wire name and their two caches. */
enum EntityType {
    COMPANY("rulesengine.Company", CacheKind.COMPANIES, CacheKind.COMPANY_LOOKUP),
    USER("rulesengine.User", CacheKind.USERS, CacheKind.USER_LOOKUP);

    final String wire;
    final CacheKind docs;
    final CacheKind lookup;

    EntityType(String wire, CacheKind docs, CacheKind lookup) {
        this.wire = wire;
        this.docs = docs;
        this.lookup = lookup;
    }

    String docKey(StoreKeys keys, String id) {
        return this == COMPANY ? keys.company(id) : keys.user(id);
    }

    String lookupKey(StoreKeys keys, String name, String value) {
        return this == COMPANY ? keys.companyLookup(name, value) : keys.userLookup(name, value);
    }

    static EntityType ofWire(String entityType) {
        if (COMPANY.wire.equals(entityType)) {
            return COMPANY;
        }
        if (USER.wire.equals(entityType)) {
            return USER;
        }
        return null;
    }
}
