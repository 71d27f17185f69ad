package io.missive.runtime;

import jakarta.enterprise.context.spi.Context;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * The instance behind an application-scoped bean's client proxy, for the core's hot path. A call through the
 * proxy looks the instance up in its context every time (on Payara through a map keyed by class loader): on
 * binary/tcp at 4,000 msg/s the store's and the user directory's proxies were about 2% of Missive's CPU
 * (async-profiler). The core lives exactly as long as the application context that holds these instances, so
 * it may keep them. The core calls none of their intercepted methods (the directory's {@code @Transactional}
 * writes are the admin API's and the user centre's, through their own proxies).
 */
final class ContextualInstance {

    private ContextualInstance() {
    }

    /**
     * The instance the default bean of {@code type} resolves to; {@code injected} itself where that bean's scope
     * is a pseudo-scope (it has no proxy).
     */
    static <T> T of(BeanManager beans, Class<T> type, T injected) {
        Bean<?> bean = beans.resolve(beans.getBeans(type));
        if (bean == null || !beans.isNormalScope(bean.getScope())) {
            return injected;
        }
        return type.cast(instance(beans, bean));
    }

    private static <B> B instance(BeanManager beans, Bean<B> bean) {
        Context context = beans.getContext(bean.getScope());
        return context.get(bean, beans.createCreationalContext(bean));
    }
}
