package io.harpoon.testsupport;

import java.util.Random;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * JUnit extension that hands each test a fresh {@link Random} and prints its seed when the test fails, so a
 * failure on random data can be replayed with {@code -Dharpoon.seed=N}.
 *
 * <pre>
 *   &#64;ExtendWith(SeededRandom.class)
 *   class FooTest { &#64;Test void bar(Random rnd) { ... } }
 * </pre>
 */
public final class SeededRandom implements ParameterResolver, TestWatcher {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(SeededRandom.class);

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        return p.getParameter().getType() == Random.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        String fixed = System.getProperty("harpoon.seed");
        long seed = fixed != null ? Long.parseLong(fixed) : System.nanoTime() ^ Thread.currentThread().threadId();
        c.getStore(NS).put("seed", seed);
        return new Random(seed);
    }

    @Override
    public void testFailed(ExtensionContext c, Throwable cause) {
        Object seed = c.getStore(NS).get("seed");
        if (seed != null) {
            System.out.println("FAILED " + c.getDisplayName() + " with seed " + seed + " (replay: -Dharpoon.seed=" + seed + ")");
        }
    }
}
