package vmlab.display;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which renderer shows which type. Lookup goes from the object's class up through its superclasses and interfaces, so
 * the most specific registration wins. Objects with no renderer are shown through a public no-argument {@code toHtml()}
 * if they have one (text/html plus {@code toString()} as text/plain), else through {@code toString()}.
 * <p>
 * Later issues register their lab objects here, e.g. {@code Renderers.standard().register(LiveChart.class, ...)}.
 */
public final class Renderers {

    private static final Renderers STANDARD = withBuiltIns();

    private final Map<Class<?>, Renderer<Object>> byType = new LinkedHashMap<>();

    /** The registry the kernel uses. */
    public static Renderers standard() {
        return STANDARD;
    }

    /** A registry with the built-in renderers: Tablesaw tables and XChart charts. */
    public static Renderers withBuiltIns() {
        Renderers renderers = new Renderers();
        TableRenderer.registerIn(renderers);
        ChartRenderer.registerIn(renderers);
        LabChartRenderer.registerIn(renderers);
        LabResultRenderer.registerIn(renderers);
        return renderers;
    }

    @SuppressWarnings("unchecked")
    public synchronized <T> Renderers register(Class<T> type, Renderer<? super T> renderer) {
        byType.put(type, (Renderer<Object>) renderer);
        return this;
    }

    /** The bundle for {@code value}; a renderer that fails falls back to text, with the failure named. */
    public MimeBundle render(Object value) {
        if (value == null) {
            return MimeBundle.text("null");
        }
        if (value instanceof MimeBundle bundle) {
            return bundle;
        }
        Renderer<Object> renderer = find(value.getClass());
        try {
            if (renderer != null) {
                return renderer.render(value);
            }
            Method toHtml = publicToHtml(value.getClass());
            if (toHtml != null) {
                return new MimeBundle().with("text/plain", String.valueOf(value)).with("text/html", String.valueOf(toHtml.invoke(value)));
            }
        } catch (Exception | LinkageError e) {
            return MimeBundle.text(safeToString(value) + "\n(could not render richly: " + e + ")");
        }
        return MimeBundle.text(safeToString(value));
    }

    private static String safeToString(Object value) {
        try {
            return String.valueOf(value);
        } catch (RuntimeException e) {
            return value.getClass().getName() + " (toString() threw " + e + ")";
        }
    }

    private synchronized Renderer<Object> find(Class<?> type) {
        Deque<Class<?>> todo = new ArrayDeque<>();
        Set<Class<?>> seen = new HashSet<>();
        todo.add(type);
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (!seen.add(c)) {
                continue;
            }
            Renderer<Object> r = byType.get(c);
            if (r != null) {
                return r;
            }
            if (c.getSuperclass() != null && c.getSuperclass() != Object.class) {
                todo.add(c.getSuperclass());
            }
            todo.addAll(java.util.List.of(c.getInterfaces()));
        }
        return null;
    }

    /** {@code public String toHtml()} declared by a public type, so a cell's lab object can render itself. */
    private static Method publicToHtml(Class<?> type) {
        try {
            Method m = type.getMethod("toHtml");
            if (Modifier.isStatic(m.getModifiers()) || m.getReturnType() == void.class) {
                return null;
            }
            m.setAccessible(true);
            return m;
        } catch (NoSuchMethodException | RuntimeException e) {
            return null;
        }
    }
}
