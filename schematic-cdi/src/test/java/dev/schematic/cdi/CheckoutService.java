package dev.schematic.cdi;

import dev.schematic.AsyncSchematic;
import dev.schematic.Schematic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/** An application bean, as a user would write it. */
@ApplicationScoped
public class CheckoutService {
    @Inject
    Schematic schematic;

    @Inject
    AsyncSchematic async;

    public boolean newCheckoutEnabled(String companyId) {
        return schematic.checkFlag("new-checkout", Map.of("id", companyId), Map.of());
    }

    public void recordPurchase(String companyId) {
        schematic.track("purchase", Map.of("id", companyId), Map.of(), Map.of(), 1);
    }

    public Schematic schematic() {
        return schematic;
    }

    public AsyncSchematic async() {
        return async;
    }
}
