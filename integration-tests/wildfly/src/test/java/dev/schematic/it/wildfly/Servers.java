package dev.schematic.it.wildfly;

/**
 * Which server the tests run against. These sources are shared by the WildFly, Payara Micro and Open Liberty suites;
 * the few expectations that differ per server (thread and class-loader names, one process per deployment) say so
 * where they branch, with the reason. The Payara and Liberty suites set the system property {@code it.server} in the
 * test JVM and in the server's JVM; WildFly is the default.
 */
final class Servers {
    private Servers() {}

    /** WildFly: the default, where {@code it.server} is not set. */
    static boolean isWildFly() {
        return !isPayaraMicro() && !isLiberty();
    }

    /** Payara Micro: Arquillian starts one Payara Micro process per deployment and stops it on undeploy. */
    static boolean isPayaraMicro() {
        return "payara-micro".equals(System.getProperty("it.server"));
    }

    /** Open Liberty. */
    static boolean isLiberty() {
        return "liberty".equals(System.getProperty("it.server"));
    }
}
