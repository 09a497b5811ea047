package dev.schematic.internal.client;

import dev.schematic.api.ApiResources;
import dev.schematic.api.accesstokens.AccessTokensApi;
import dev.schematic.api.accounts.AccountsApi;
import dev.schematic.api.billing.BillingApi;
import dev.schematic.api.catalogs.CatalogsApi;
import dev.schematic.api.checkout.CheckoutApi;
import dev.schematic.api.companies.CompaniesApi;
import dev.schematic.api.components.ComponentsApi;
import dev.schematic.api.componentspublic.ComponentsPublicApi;
import dev.schematic.api.credits.CreditsApi;
import dev.schematic.api.dataexports.DataExportsApi;
import dev.schematic.api.entitlements.EntitlementsApi;
import dev.schematic.api.events.EventsApi;
import dev.schematic.api.features.FeaturesApi;
import dev.schematic.api.insights.InsightsApi;
import dev.schematic.api.integrationsapi.IntegrationsApi;
import dev.schematic.api.licenses.LicensesApi;
import dev.schematic.api.planbundle.PlanBundlesApi;
import dev.schematic.api.plangroups.PlanGroupsApi;
import dev.schematic.api.planmigrations.PlanMigrationsApi;
import dev.schematic.api.plans.PlansApi;
import dev.schematic.api.scheduledcheckout.ScheduledCheckoutApi;
import dev.schematic.api.webhooks.WebhooksApi;

/** The typed REST API of the facade: each resource group is the one of {@link #api()}, forwarded unchanged. */
abstract class ApiForwarding implements ApiResources {

    /** Where the resource groups come from (the REST clients, or the offline stand-ins). */
    abstract ApiResources api();

    @Override
    public AccessTokensApi accessTokens() {
        return api().accessTokens();
    }

    @Override
    public AccountsApi accounts() {
        return api().accounts();
    }

    @Override
    public BillingApi billing() {
        return api().billing();
    }

    @Override
    public CatalogsApi catalogs() {
        return api().catalogs();
    }

    @Override
    public CheckoutApi checkout() {
        return api().checkout();
    }

    @Override
    public CompaniesApi companies() {
        return api().companies();
    }

    @Override
    public ComponentsApi components() {
        return api().components();
    }

    @Override
    public ComponentsPublicApi componentsPublic() {
        return api().componentsPublic();
    }

    @Override
    public CreditsApi credits() {
        return api().credits();
    }

    @Override
    public DataExportsApi dataExports() {
        return api().dataExports();
    }

    @Override
    public EntitlementsApi entitlements() {
        return api().entitlements();
    }

    @Override
    public EventsApi events() {
        return api().events();
    }

    @Override
    public FeaturesApi features() {
        return api().features();
    }

    @Override
    public InsightsApi insights() {
        return api().insights();
    }

    @Override
    public IntegrationsApi integrations() {
        return api().integrations();
    }

    @Override
    public LicensesApi licenses() {
        return api().licenses();
    }

    @Override
    public PlanBundlesApi planBundles() {
        return api().planBundles();
    }

    @Override
    public PlanGroupsApi planGroups() {
        return api().planGroups();
    }

    @Override
    public PlanMigrationsApi planMigrations() {
        return api().planMigrations();
    }

    @Override
    public PlansApi plans() {
        return api().plans();
    }

    @Override
    public ScheduledCheckoutApi scheduledCheckout() {
        return api().scheduledCheckout();
    }

    @Override
    public WebhooksApi webhooks() {
        return api().webhooks();
    }
}
