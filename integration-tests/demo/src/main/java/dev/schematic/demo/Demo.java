package dev.schematic.demo;

import dev.schematic.CheckOptions;
import dev.schematic.EvaluationContext;
import dev.schematic.EventStats;
import dev.schematic.FlagCheck;
import dev.schematic.Identify;
import dev.schematic.Schematic;
import dev.schematic.testkit.CapturedEvent;
import dev.schematic.testkit.FakeSchematic;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The README's first command: a plain Java SE program using the SDK against the test kit's fake Schematic, printing
 * each flag check, identify and track as it happens. No API key, no network.
 */
public final class Demo {
    private static final EvaluationContext ACME = EvaluationContext.company("id", "acme");
    private static final EvaluationContext GLOBEX = EvaluationContext.company("id", "globex");
    private static final EvaluationContext ACME_ADA = ACME.withUser("email", "ada@acme.io");

    private final PrintStream out;

    private Demo(PrintStream out) {
        this.out = out;
    }

    /** Kept so the setting below is not garbage-collected with its logger. */
    private static final java.util.logging.Logger INFINISPAN = java.util.logging.Logger.getLogger("org.infinispan");

    public static void main(String[] args) {
        INFINISPAN.setLevel(java.util.logging.Level.WARNING);
        run(System.out);
    }

    /** Runs the whole demo, printing to {@code out}. */
    public static void run(PrintStream out) {
        new Demo(out).run();
    }

    private void run() {
        try (FakeSchematic fake = FakeSchematic.start()) {
            fake.flag("new-editor").defaultValue(false).forCompany(ACME.companyKeys(), true);
            fake.flag("beta-search").defaultValue(false).forUser(ACME_ADA.userKeys(), true);
            fake.flag("usage-billing").defaultValue(true);
            out.println("Schematic SDK demo: a fake Schematic runs at " + fake.baseUrl() + " (no API key, no network)");
            out.println("Flags there: new-editor (on for company id=acme), beta-search (on for user ada@acme.io),"
                    + " usage-billing (on)");
            out.println();

            try (Schematic schematic = Schematic.builder()
                    .apiKey("sch_dev_demo")
                    .baseUrl(fake.baseUrl())
                    .eventCaptureUrl(fake.baseUrl())
                    .eventsFlushInterval(Duration.ofMillis(500))
                    .flagDefault("checkout-v2", true)
                    .build()) {
                schematic.start();
                out.println("Flag checks (API, then the local cache; defaults when the API cannot answer):");
                check(schematic, "new-editor", ACME);
                check(schematic, "new-editor", ACME);
                check(schematic, "new-editor", GLOBEX);
                check(schematic, "beta-search", ACME_ADA);
                check(schematic, "checkout-v2", ACME);
                fake.failNext(1, 503);
                FlagCheck failed =
                        schematic.checkFlagDetailed("usage-billing", GLOBEX, CheckOptions.NONE.withMaxRetries(0));
                print("usage-billing", GLOBEX, failed);
                List<FlagCheck> several = schematic.checkFlags(List.of("new-editor", "beta-search"), ACME_ADA);
                out.printf(
                        "  checkFlags [new-editor, beta-search] for acme + ada -> %s in one request%n",
                        several.stream().map(c -> c.flag() + "=" + c.value()).toList());
                out.println();

                out.println("Events (queued without blocking, sent in batches to the capture endpoint):");
                schematic.identify(Identify.of(ACME_ADA)
                        .name("Ada Lovelace")
                        .company(ACME.companyKeys(), "Acme", Map.of("plan", "pro"))
                        .build());
                out.println("  identify user email=ada@acme.io in company id=acme: queued");
                schematic.track("api-call", ACME_ADA, 3, Map.of("endpoint", "/search"));
                out.println("  track api-call x3 for company id=acme: queued");
                for (CapturedEvent event : fake.awaitEvents(2, Duration.ofSeconds(10))) {
                    out.println("  fake received " + event.type() + ": " + event.body());
                }
                schematic.flush();
                EventStats stats = schematic.eventStats();
                out.printf(
                        "  event stats: %d submitted, %d delivered, %d dropped, %d failed%n",
                        stats.submitted(), stats.delivered(), stats.dropped(), stats.failed());
            }
            out.println();
            out.println("Closed the client: queued events flushed, threads stopped. Requests the fake saw: "
                    + fake.requestCount());
        }
    }

    private void check(Schematic schematic, String flag, EvaluationContext context) {
        print(flag, context, schematic.checkFlagDetailed(flag, context));
    }

    private void print(String flag, EvaluationContext context, FlagCheck check) {
        Map<String, String> company = context.companyKeys();
        Map<String, String> user = context.userKeys();
        String who = company.isEmpty() ? "" : "company " + company;
        if (!user.isEmpty()) {
            who += (who.isEmpty() ? "" : " + ") + "user " + user;
        }
        out.printf("  %-13s %-44s -> %-5s [%s] %s%n", flag, who, check.value(), check.source(), check.reason());
    }
}
