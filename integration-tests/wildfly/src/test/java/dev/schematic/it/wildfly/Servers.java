package dev.schematic.it.wildfly;

/**
 * Which server the in-container tests run in. These sources are shared by the WildFly, Payara and Open Liberty suites;
 * the few assertions about one server's own naming (thread names, class loader names) apply to that server only.
 */
final class Servers {
    private Servers() {}

    /** WildFly runs deployments on JBoss Modules. */
    static boolean isWildFly() {
        try {
            Class.forName("org.jboss.modules.Module", false, Servers.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
