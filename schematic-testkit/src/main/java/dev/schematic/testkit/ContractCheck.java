package dev.schematic.testkit;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Judges every exchange of one fake by the OpenAPI document and records the violations: the request body against its
 * operation's request schema, the response against the operation's response schema for its status. {@code POST /batch}
 * (the capture service, not in the document) has each event's {@code body} checked against the document's {@code
 * EventBody…} schema of its {@code type}. Answers a test programmed itself ({@code respond}, {@code failNext}) are not
 * judged.
 */
final class ContractCheck {
    /** Set to {@code off} to disable the check in every fake of the JVM. */
    static final String SWITCH = "schematic.testkit.contract";

    private static final int MAX_RECORDED = 1000;
    private static final Map<String, String> EVENT_BODIES = Map.of(
            "track", "EventBodyTrack",
            "identify", "EventBodyIdentify",
            "flag_check", "EventBodyFlagCheck",
            "inference", "EventBodyInference");

    private final CopyOnWriteArrayList<ContractViolation> violations = new CopyOnWriteArrayList<>();
    private final AtomicLong count = new AtomicLong();
    private final Object pendingLock = new Object();
    private long pending;
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(10_000),
            FakeHttpServer.daemon("fake-schematic-contract-"),
            (task, pool) -> {
                if (pool.isShutdown()) {
                    throw new RejectedExecutionException("fake closed");
                }
                task.run(); // queue full: the caller judges (back-pressure)
            });
    private volatile boolean enabled = !"off".equalsIgnoreCase(System.getProperty(SWITCH, "on"));

    void enabled(boolean on) {
        this.enabled = on;
    }

    boolean enabled() {
        return enabled;
    }

    void clear() {
        drain();
        violations.clear();
        count.set(0);
    }

    /** Throws an AssertionError listing the violations (the first 20), if any. */
    void assertNone(String where) {
        drain();
        long n = count.get();
        if (n > 0) {
            StringBuilder sb = new StringBuilder(n + " OpenAPI contract violation(s) at " + where + ":");
            violations.stream().limit(20).forEach(v -> sb.append("\n  ").append(v));
            throw new AssertionError(sb.toString());
        }
    }

    List<ContractViolation> violations() {
        drain();
        return List.copyOf(violations);
    }

    long count() {
        drain();
        return count.get();
    }

    /**
     * Queues one exchange for judging on the checker thread, off the request path (the first judgement waits for the
     * document to be parsed, seconds on a busy machine); when 10,000 are queued the caller judges itself.
     */
    void check(RecordedRequest request, String[] segments, Response response) {
        if (!enabled) {
            return;
        }
        synchronized (pendingLock) {
            pending++;
        }
        try {
            worker.execute(() -> {
                try {
                    judge(request, segments, response);
                } finally {
                    synchronized (pendingLock) {
                        pending--;
                        pendingLock.notifyAll();
                    }
                }
            });
        } catch (RejectedExecutionException closed) {
            synchronized (pendingLock) {
                pending--;
                pendingLock.notifyAll();
            }
        }
    }

    /** Waits until every queued exchange was judged (at most 2 minutes, then an AssertionError). */
    void drain() {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        synchronized (pendingLock) {
            while (pending > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the OpenAPI contract check did not finish: " + pending + " pending");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(pendingLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for the contract check", e);
                }
            }
        }
    }

    /** Stops the checker thread once the queued exchanges are judged. */
    void close() {
        worker.shutdown();
    }

    private void judge(RecordedRequest request, String[] segments, Response response) {
        try {
            if (request.method().equals("POST") && request.path().equals("/batch")) {
                checkCapture(request);
                return;
            }
            OpenApiContract contract = OpenApiContract.shared();
            OpenApiContract.Operation op = contract.find(request.method(), segments);
            if (op == null) {
                return; // not an operation of the document: the fake answers 404
            }
            List<String> requestProblems = contract.checkRequest(op, request.rawBody());
            if (!requestProblems.isEmpty()) {
                record("request", request, op.id(), 0, requestProblems);
            }
            if (response.checkContract()) {
                List<String> responseProblems = contract.checkResponse(op, response.status(), response.body());
                if (!responseProblems.isEmpty()) {
                    record("response", request, op.id(), response.status(), responseProblems);
                }
            }
        } catch (RuntimeException e) {
            record("request", request, "?", 0, List.of("contract check failed: " + e));
        }
    }

    private void checkCapture(RecordedRequest request) {
        JsonValue parsed;
        try {
            parsed = JsonSupport.parse(request.rawBody());
        } catch (RuntimeException e) {
            return; // the endpoint answers 400 itself
        }
        if (!(parsed instanceof JsonObject batch) || !(batch.get("events") instanceof JsonArray events)) {
            return;
        }
        OpenApiContract contract = OpenApiContract.shared();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (!(events.get(i) instanceof JsonObject event) || !(event.get("body") instanceof JsonObject body)) {
                continue;
            }
            String type = JsonSupport.optString(event, "type");
            String schema = type == null ? null : EVENT_BODIES.get(type);
            if (schema != null) {
                for (String p : contract.checkComponent(schema, JsonSupport.bytes(body))) {
                    problems.add("events[" + i + "].body (" + schema + ") " + p);
                }
            }
        }
        if (!problems.isEmpty()) {
            record("request", request, "capture", 0, problems);
        }
    }

    private void record(String direction, RecordedRequest request, String op, int status, List<String> messages) {
        if (count.incrementAndGet() <= MAX_RECORDED) {
            violations.add(new ContractViolation(direction, request.method(), request.path(), op, status, messages));
        }
    }
}
