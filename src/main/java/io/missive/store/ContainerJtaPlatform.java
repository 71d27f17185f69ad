package io.missive.store;

import jakarta.transaction.TransactionManager;
import jakarta.transaction.UserTransaction;
import org.hibernate.engine.jndi.JndiException;
import org.hibernate.engine.transaction.jta.platform.internal.AbstractJtaPlatform;
import org.hibernate.engine.transaction.jta.platform.internal.JtaSynchronizationStrategy;
import org.hibernate.engine.transaction.jta.platform.internal.SynchronizationRegistryAccess;
import org.hibernate.engine.transaction.jta.platform.internal.SynchronizationRegistryBasedSynchronizationStrategy;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Lets the bundled Hibernate find the container's transaction manager on Payara and on
 * WildFly from one WAR: Hibernate cannot detect it by itself when it is not the server's
 * own provider, and each server binds the manager under its own JNDI name.
 */
public class ContainerJtaPlatform extends AbstractJtaPlatform {

    private static final String[] TRANSACTION_MANAGER_NAMES = {
            "java:appserver/TransactionManager",   // Payara, GlassFish
            "java:jboss/TransactionManager",       // WildFly
            "java:/TransactionManager"
    };

    @Override
    protected TransactionManager locateTransactionManager() {
        JndiException last = null;
        for (String name : TRANSACTION_MANAGER_NAMES) {
            try {
                return (TransactionManager) jndiService().locate(name);
            } catch (JndiException e) {
                last = e;
            }
        }
        throw new JndiException("No transaction manager under any of the known JNDI names", last);
    }

    @Override
    protected UserTransaction locateUserTransaction() {
        return (UserTransaction) jndiService().locate("java:comp/UserTransaction");
    }

    @Override
    protected JtaSynchronizationStrategy getSynchronizationStrategy() {
        return new SynchronizationRegistryBasedSynchronizationStrategy(new StandardRegistryAccess());
    }

    /** The registry has a standard name in every Jakarta EE server. */
    private final class StandardRegistryAccess implements SynchronizationRegistryAccess {
        @Override
        public TransactionSynchronizationRegistry getSynchronizationRegistry() {
            return (TransactionSynchronizationRegistry) jndiService()
                    .locate("java:comp/TransactionSynchronizationRegistry");
        }
    }
}
