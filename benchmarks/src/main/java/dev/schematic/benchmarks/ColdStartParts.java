package dev.schematic.benchmarks;

import static dev.schematic.testkit.DataStreamEntities.company;
import static dev.schematic.testkit.DataStreamEntities.companyOverride;
import static dev.schematic.testkit.DataStreamEntities.flag;

import dev.schematic.Schematic;
import dev.schematic.internal.config.DataStreamSettings;
import dev.schematic.internal.config.RulesEngineOptions;
import dev.schematic.internal.config.SchematicConfig;
import dev.schematic.internal.datastream.SnapshotStoreProbe;
import dev.schematic.internal.rules.RulesEngine;
import dev.schematic.internal.rules.RulesResult;
import dev.schematic.testkit.FakeDataStream;
import dev.schematic.testkit.FakeSchematic;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The cold start of a DataStream client split into its parts, each timed alone in its own cold JVM (issue 20's floor).
 * Like {@link ColdStart}, this JVM runs the fake server (1,000 flags) and starts the children one after the other;
 * each child does one part and reports its JVM's own start (uptime at {@code main}), the part's wall time, the
 * process CPU time the part used (all threads, JIT and GC included) and the classes loaded meanwhile.
 *
 * <ul>
 *   <li>{@code jvm}: nothing (the JVM's start and exit alone);
 *   <li>{@code builder}: {@code Schematic.builder()...build()} without DataStream (settings, REST, events, telemetry);
 *   <li>{@code engine}: the bundled rules engine loaded ({@code versionKey()}) and one evaluation;
 *   <li>{@code enginesteps}: the engine's load split (generated module load, checked with a first instance, a second
 *       instance);
 *   <li>{@code socket}: the SDK's WebSocket client (Tyrus) connects to the fake and receives the flags snapshot;
 *   <li>{@code jdksocket}: the same with the JDK's {@code java.net.http.WebSocket};
 *   <li>{@code plainsocket}: the same with RFC 6455 written by hand on a plain socket (the floor of any client; not
 *       one to ship);
 *   <li>{@code parse}: the snapshot's JSON parsed and each flag serialised (JSON-P), no store;
 *   <li>{@code parsesmallfirst}: a one-flag message parsed first, then the snapshot, each timed (the parser's first
 *       use apart);
 *   <li>{@code store}: the snapshot parsed and stored into the embedded (hand-over) store as the worker does;
 *   <li>{@code storesteps}: the store part's steps one after the other, each timed (parse, serialise, inputs, put,
 *       sweep);
 *   <li>{@code sdk}: the whole SDK, {@code build()} until {@code awaitReady} (as {@link ColdStart}).
 * </ul>
 *
 * <pre>
 * java [-Dcold.jvmArgs="..."] [-Dcold.cps="base=/a/x.jar|after=/b/y.jar"] -cp benchmarks/target/benchmarks.jar \
 *     dev.schematic.benchmarks.ColdStartParts [runs] [part,part,...]
 * </pre>
 *
 * With {@code cold.cps}, each round runs every part once on each class path in turn (before/after alternately).
 */
public final class ColdStartParts {
    private static final String CHILD = "--child";
    private static final String FLAGS_REQUEST =
            "{\"data\":{\"action\":\"start\",\"entity_type\":\"rulesengine.Flags\"}}";
    private static final String API_KEY = "sch_dev_bench";
    private static final List<String> ALL =
            List.of("jvm", "builder", "engine", "socket", "jdksocket", "parse", "store", "sdk");

    private ColdStartParts() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(CHILD)) {
            child(args[1], args[2], args[3], args[4]);
            System.exit(0);
        }
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> parts = args.length > 1 ? List.of(args[1].split(",")) : ALL;
        Map<String, String> cps = new LinkedHashMap<>();
        String cpProp = System.getProperty("cold.cps", "").trim();
        if (cpProp.isEmpty()) {
            cps.put("this", System.getProperty("java.class.path"));
        } else {
            for (String e : cpProp.split("\\|")) {
                int eq = e.indexOf('=');
                cps.put(e.substring(0, eq), e.substring(eq + 1));
            }
        }
        try (FakeSchematic fake =
                FakeSchematic.start().contractCheck(false).recordRequests(false).recordEvents(false)) {
            FakeDataStream ds = fake.dataStream().recordRequests(false);
            ColdStart.seed(ds);
            try (Schematic warm = Schematic.builder()
                    .apiKey(API_KEY)
                    .baseUrl(fake.baseUrl())
                    .eventCaptureUrl(fake.baseUrl())
                    .property("schematic.datastream.enabled", "true")
                    .property("schematic.datastream.url", ds.url())
                    .build()) {
                if (!warm.awaitReady(Duration.ofSeconds(30))) {
                    throw new IllegalStateException("the warm-up client was not ready: " + warm.dataStream());
                }
            }
            // the snapshot as the server sends it, for the parse and store parts (read before their clock starts)
            String keep = System.getProperty("cold.snapshot", "");
            Path snapshot = keep.isEmpty() ? Files.createTempFile("schematic-snapshot", ".json") : Path.of(keep);
            Files.writeString(snapshot, jdkSnapshot(ds.url()).text, StandardCharsets.UTF_8);
            System.out.printf("snapshot: %,d bytes; load %s%n", Files.size(snapshot), loadAverage());
            Map<String, List<long[]>> results = new LinkedHashMap<>();
            for (int i = 0; i < runs; i++) {
                for (Map.Entry<String, String> cp : cps.entrySet()) {
                    for (String part : parts) {
                        long[] r = runChild(cp.getValue(), part, fake.baseUrl(), ds.url(), snapshot.toString());
                        String label = cp.getKey() + " " + part;
                        results.computeIfAbsent(label, k -> new ArrayList<>()).add(r);
                        System.out.printf(
                                "run %d %-16s JVM start %4d ms; wall %5d ms; CPU %5d ms; classes %5d; extra %s%n",
                                i + 1,
                                label,
                                r[0],
                                r[1],
                                r[2],
                                r[3],
                                Arrays.toString(Arrays.copyOfRange(r, 4, r.length)));
                    }
                }
                System.out.println("  load " + loadAverage());
            }
            System.out.printf("medians of %d cold JVMs (load now %s):%n", runs, loadAverage());
            for (Map.Entry<String, List<long[]>> e : results.entrySet()) {
                List<long[]> rs = e.getValue();
                StringBuilder extra = new StringBuilder();
                for (int c = 4; c < rs.get(0).length; c++) {
                    extra.append(' ').append(median(rs, c));
                }
                System.out.printf(
                        "  %-16s JVM start %4d ms; wall %5d ms (%d-%d); CPU %5d ms; classes %5d; extra%s%n",
                        e.getKey(),
                        median(rs, 0),
                        median(rs, 1),
                        min(rs, 1),
                        max(rs, 1),
                        median(rs, 2),
                        median(rs, 3),
                        extra);
            }
            if (keep.isEmpty()) {
                Files.deleteIfExists(snapshot);
            }
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return String.valueOf(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    private static long[] runChild(String cp, String part, String baseUrl, String dsUrl, String snapshot)
            throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String extra = System.getProperty("cold.jvmArgs", "").trim();
        if (!extra.isEmpty()) {
            command.addAll(Arrays.asList(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", cp, ColdStartParts.class.getName(), CHILD, part, baseUrl, dsUrl, snapshot));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        long[] result = null;
        List<String> output = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("PART ")) {
                    result = Arrays.stream(line.substring(5).split(" "))
                            .mapToLong(Long::parseLong)
                            .toArray();
                } else if (output.size() < 40) {
                    output.add(line);
                }
            }
        }
        if (p.waitFor() != 0 || result == null) {
            throw new IllegalStateException(
                    "the child JVM (" + part + ") failed (exit " + p.exitValue() + "): " + String.join("\n", output));
        }
        return result;
    }

    // ---- in the child

    private static void child(String part, String baseUrl, String dsUrl, String snapshotFile) throws Exception {
        long jvmStartMs = ManagementFactory.getRuntimeMXBean().getUptime();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var classLoading = ManagementFactory.getClassLoadingMXBean();
        // what a part needs as input is prepared before its clock starts
        String snapshot = part.startsWith("parse") || part.startsWith("store")
                ? Files.readString(Path.of(snapshotFile), StandardCharsets.UTF_8)
                : null;
        DataStreamSettings settings = part.startsWith("store")
                ? SchematicConfig.read(Map.of("schematic.api-key", API_KEY, "schematic.datastream.enabled", "true"))
                        .dataStream()
                : null;
        String flagJson = null;
        String companyJson = null;
        if (part.equals("engine")) {
            flagJson =
                    flag("flag-1", false, companyOverride("r1", "comp_1", true)).toString();
            companyJson = company("comp_1", Map.of("id", "company-1")).toString();
        }
        long classes0 = classLoading.getTotalLoadedClassCount();
        long cpu0 = os.getProcessCpuTime();
        long epoch0 = System.currentTimeMillis();
        long t0 = System.nanoTime();
        long[] extra;
        switch (part) {
            case "jvm" -> extra = new long[0];
            case "builder" -> {
                Schematic s = Schematic.builder()
                        .apiKey(API_KEY)
                        .baseUrl(baseUrl)
                        .eventCaptureUrl(baseUrl)
                        .property("schematic.events.max-queue", "100")
                        .build();
                extra = new long[0];
                report(jvmStartMs, t0, cpu0, os, classes0, classLoading, extra);
                s.close();
                return;
            }
            case "engine" -> {
                RulesEngine engine = RulesEngine.create(RulesEngineOptions.defaults());
                String version = engine.versionKey();
                long loadedMs = ms(t0);
                RulesResult r = engine.evaluate(flagJson, companyJson, null);
                if (version == null || r.failure() != null) {
                    throw new IllegalStateException("engine: " + version + " " + r);
                }
                extra = new long[] {loadedMs};
            }
            case "enginesteps" -> extra = dev.schematic.internal.rules.EngineLoadProbe.steps();
            case "socket" -> extra = tyrusSnapshot(dsUrl, t0);
            case "jdksocket" -> {
                Received r = jdkSnapshot(dsUrl);
                extra = new long[] {(r.openedAt - t0) / 1_000_000, r.text.length()};
            }
            case "plainsocket" -> extra = plainSnapshot(dsUrl, t0);
            case "parse" -> extra = new long[] {SnapshotStoreProbe.parse(snapshot)};
            case "parsesmallfirst" -> extra = SnapshotStoreProbe.parseAfterSmall(snapshot);
            case "store" -> extra = new long[] {SnapshotStoreProbe.store(settings, "1", snapshot)};
            case "storesteps" -> extra = SnapshotStoreProbe.steps(settings, "1", snapshot);
            case "sdk" -> {
                Schematic s = Schematic.builder()
                        .apiKey(API_KEY)
                        .baseUrl(baseUrl)
                        .eventCaptureUrl(baseUrl)
                        .property("schematic.datastream.enabled", "true")
                        .property("schematic.datastream.url", dsUrl)
                        .property("schematic.events.max-queue", "100")
                        .build();
                long builtMs = ms(t0);
                if (!s.awaitReady(Duration.ofSeconds(30))) {
                    throw new IllegalStateException("not ready: " + s.dataStream());
                }
                // with -Dcold.epoch (in cold.jvmArgs) the wall clock at build(), to line up the SDK's own log lines
                extra = Boolean.getBoolean("cold.epoch") ? new long[] {builtMs, epoch0} : new long[] {builtMs};
                report(jvmStartMs, t0, cpu0, os, classes0, classLoading, extra);
                s.close();
                return;
            }
            default -> throw new IllegalArgumentException("unknown part " + part + "; parts: " + ALL);
        }
        report(jvmStartMs, t0, cpu0, os, classes0, classLoading, extra);
    }

    private static void report(
            long jvmStartMs,
            long t0,
            long cpu0,
            com.sun.management.OperatingSystemMXBean os,
            long classes0,
            java.lang.management.ClassLoadingMXBean classLoading,
            long[] extra) {
        long wallMs = ms(t0);
        long cpuMs = (os.getProcessCpuTime() - cpu0) / 1_000_000;
        long classes = classLoading.getTotalLoadedClassCount() - classes0;
        StringBuilder line = new StringBuilder("PART ")
                .append(jvmStartMs)
                .append(' ')
                .append(wallMs)
                .append(' ')
                .append(cpuMs)
                .append(' ')
                .append(classes);
        for (long e : extra) {
            line.append(' ').append(e);
        }
        System.out.println(line);
        System.out.flush();
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** The SDK's WebSocket client (jakarta.websocket, Tyrus outside a server): [open ms, snapshot chars]. */
    private static long[] tyrusSnapshot(String dsUrl, long t0) throws Exception {
        CompletableFuture<String> snapshot = new CompletableFuture<>();
        long[] openedAt = new long[1];
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> request) {
                        headers().forEach((k, v) -> request.put(k, List.of(v)));
                    }
                })
                .build();
        Session session = ContainerProvider.getWebSocketContainer()
                .connectToServer(
                        new Endpoint() {
                            @Override
                            public void onOpen(Session s, EndpointConfig c) {
                                openedAt[0] = System.nanoTime();
                                s.setMaxTextMessageBufferSize(256 * 1024 * 1024);
                                s.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                                    if (text.contains("rulesengine.Flags")) {
                                        snapshot.complete(text);
                                    }
                                });
                                s.getAsyncRemote().sendText(FLAGS_REQUEST);
                            }
                        },
                        config,
                        URI.create(dsUrl));
        String text = snapshot.get(30, TimeUnit.SECONDS);
        long[] out = {(openedAt[0] - t0) / 1_000_000, text.length()};
        session.close();
        return out;
    }

    private record Received(long openedAt, String text) {}

    /** The JDK's WebSocket client: the flags snapshot (all fragments). */
    private static Received jdkSnapshot(String dsUrl) throws Exception {
        CompletableFuture<String> snapshot = new CompletableFuture<>();
        long[] openedAt = new long[1];
        WebSocket.Builder b = HttpClient.newHttpClient().newWebSocketBuilder();
        headers().forEach(b::header);
        WebSocket ws = b.buildAsync(URI.create(dsUrl), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public void onOpen(WebSocket w) {
                        openedAt[0] = System.nanoTime();
                        w.request(1);
                        w.sendText(FLAGS_REQUEST, true);
                    }

                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            String t = text.toString();
                            text.setLength(0);
                            if (t.contains("rulesengine.Flags")) {
                                snapshot.complete(t);
                            }
                        }
                        w.request(1);
                        return null;
                    }
                })
                .get(30, TimeUnit.SECONDS);
        String text = snapshot.get(30, TimeUnit.SECONDS);
        ws.abort();
        return new Received(openedAt[0], text);
    }

    /**
     * The floor of a WebSocket client: RFC 6455 by hand on a plain {@code java.net.Socket} (handshake, one masked text
     * frame out, text frames in until the snapshot), no library. Not a client to ship: no TLS, no pings, no checks.
     * Returns [open ms, snapshot chars].
     */
    private static long[] plainSnapshot(String dsUrl, long t0) throws Exception {
        URI uri = URI.create(dsUrl);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            java.io.OutputStream out = socket.getOutputStream();
            java.io.DataInputStream in =
                    new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream(), 65536));
            StringBuilder request = new StringBuilder("GET " + uri.getRawPath() + " HTTP/1.1\r\n")
                    .append("Host: ")
                    .append(uri.getHost())
                    .append(':')
                    .append(uri.getPort())
                    .append("\r\n")
                    .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                    .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
            headers().forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // the response's head, up to the empty line
            int state = 0;
            while (state < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IllegalStateException("closed during the handshake");
                }
                state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                        ? state + 1
                        : 0;
            }
            long openedAt = System.nanoTime();
            byte[] payload = FLAGS_REQUEST.getBytes(StandardCharsets.UTF_8);
            java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream();
            frame.write(0x81);
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
            frame.write(new byte[4]); // mask 0: payload unchanged
            frame.write(payload);
            out.write(frame.toByteArray());
            out.flush();
            java.io.ByteArrayOutputStream message = new java.io.ByteArrayOutputStream();
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                long len = b1 & 0x7f;
                if (len == 126) {
                    len = in.readUnsignedShort();
                } else if (len == 127) {
                    len = in.readLong();
                }
                byte[] data = new byte[(int) len];
                in.readFully(data);
                int opcode = b0 & 0x0f;
                if (opcode == 1 || opcode == 0) {
                    message.write(data);
                    if ((b0 & 0x80) != 0) {
                        String text = message.toString(StandardCharsets.UTF_8);
                        message.reset();
                        if (text.contains("rulesengine.Flags")) {
                            return new long[] {(openedAt - t0) / 1_000_000, text.length()};
                        }
                    }
                } else if (opcode == 8) {
                    throw new IllegalStateException("closed by the server");
                }
            }
        }
    }

    private static Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Schematic-Api-Key", API_KEY);
        h.put("X-Schematic-Datastream-Mode", "direct");
        h.put("X-Schematic-Client", "schematic-jakarta");
        h.put("X-Schematic-Client-Version", "bench");
        return h;
    }

    private static long median(List<long[]> rs, int column) {
        long[] v = rs.stream().mapToLong(r -> r[column]).sorted().toArray();
        return v[v.length / 2];
    }

    private static long min(List<long[]> rs, int column) {
        return rs.stream().mapToLong(r -> r[column]).min().orElse(0);
    }

    private static long max(List<long[]> rs, int column) {
        return rs.stream().mapToLong(r -> r[column]).max().orElse(0);
    }
}
