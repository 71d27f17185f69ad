package io.missive.store;

/**
 * The one JNDI name under which the store finds the server's connection pool. It is the WAR's own
 * resource reference ({@code jdbc/missive} in {@code WEB-INF/web.xml}), not a server's global name:
 * Payara reads a bare {@code jdbc/missive} as its global resource, WildFly as
 * {@code java:module/env/jdbc/missive}, so only the reference means the same on both. Each server's
 * descriptor maps it to the pool the operator created ({@code glassfish-web.xml}: {@code jdbc/missive};
 * {@code jboss-web.xml}: {@code java:/jdbc/missive}; see {@code server-config/}).
 */
final class DataSourceName {

    static final String JNDI = "java:comp/env/jdbc/missive";

    private DataSourceName() {
    }
}
