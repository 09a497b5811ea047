package dev.schematic.internal.http;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;

/**
 * Wraps a MicroProfile Rest Client proxy so that every HTTP operation is retried per a {@link RetryPolicy}. Default
 * interface methods run here (not on the wrapped proxy), so the operations they delegate to are retried too.
 * Runs on the calling thread; waits between attempts with {@link Thread#sleep} (an interrupt ends the retries).
 */
final class RetryingInvocationHandler implements InvocationHandler {
    private final Object target;
    private final RetryPolicy policy;

    private RetryingInvocationHandler(Object target, RetryPolicy policy) {
        this.target = target;
        this.policy = policy;
    }

    static <T> T wrap(Class<T> api, T target, RetryPolicy policy) {
        return api.cast(Proxy.newProxyInstance(
                api.getClassLoader(), new Class<?>[] {api}, new RetryingInvocationHandler(target, policy)));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default ->
                    "Schematic REST client "
                            + proxy.getClass().getInterfaces()[0].getSimpleName();
            };
        }
        if (method.isDefault()) {
            return InvocationHandler.invokeDefault(proxy, method, args);
        }
        for (int retries = 0; ; retries++) {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                Throwable failure = e.getCause();
                if (retries >= policy.maxRetries() || !RetryPolicy.isRetryable(failure)) {
                    throw NetworkFailures.wrap(failure);
                }
                Duration wait = policy.delay(retries, failure);
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException interrupted) {
                    // stop retrying; report the failure we have, keep the interrupt for the caller
                    Thread.currentThread().interrupt();
                    throw NetworkFailures.wrap(failure);
                }
            }
        }
    }
}
