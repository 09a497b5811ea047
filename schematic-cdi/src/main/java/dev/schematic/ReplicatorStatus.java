package dev.schematic;

import java.time.Instant;

/**
 * What the last poll of the replicator's readiness endpoint said (datastream.md §4.2/§4.3).
 *
 * @param url the polled URL
 * @param ready the replicator is ready: HTTP 2xx and {@code "ready": true} in the body
 * @param cacheVersion the cache version in force: the last non-empty {@code cache_version} (or {@code cacheVersion})
 *     seen; kept across errors and answers without one; {@code null} until one was seen
 * @param datastream the body's {@code components.datastream} ({@code ready}, {@code connected_loading},
 *     {@code disconnected}, …), or {@code null}
 * @param redis the body's {@code components.redis}, or {@code null}
 * @param httpStatus the last HTTP status, or 0 when the request failed
 * @param error why the last poll failed (connection refused, timeout, unparseable body), or {@code null}
 * @param checkedAt when the last poll finished, or {@code null} before the first
 * @param polls polls done so far
 */
public record ReplicatorStatus(
        String url,
        boolean ready,
        String cacheVersion,
        String datastream,
        String redis,
        int httpStatus,
        String error,
        Instant checkedAt,
        long polls) {

    /** Before the first poll. */
    public static ReplicatorStatus initial(String url) {
        return new ReplicatorStatus(url, false, null, null, null, 0, null, null, 0);
    }

    /** A short description: {@code ready, cache version 1a2b3c4d} or {@code not ready (HTTP 503, datastream disconnected)}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (checkedAt == null) {
            sb.append("replicator at ").append(url).append(" not polled yet");
        } else if (error != null) {
            sb.append("replicator at ").append(url).append(" unreachable: ").append(error);
        } else {
            sb.append("replicator at ")
                    .append(url)
                    .append(ready ? " ready" : " not ready")
                    .append(" (HTTP ")
                    .append(httpStatus);
            if (datastream != null) {
                sb.append(", datastream ").append(datastream);
            }
            sb.append(')');
        }
        sb.append(cacheVersion == null ? "; no cache version yet" : "; cache version " + cacheVersion);
        return sb.toString();
    }
}
