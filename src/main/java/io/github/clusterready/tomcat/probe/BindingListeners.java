package io.github.clusterready.tomcat.probe;

/**
 * Session binding listeners that a library (a jar in {@code WEB-INF/lib}) stores beside the object it watches, as
 * Wicket's {@code SessionBindingListener} does with its {@code WebSession}: the listener holds the other attribute's
 * object so that it can be told when the session ends, is never set again when that object changes, and its copy on
 * another node serves only that notice. Holding one object under two names, changing "in place" and differing
 * between nodes are then the library's design, not something the application can or should fix, so the probe does
 * not report them for such a listener. The application's own listeners are judged like any other value. The
 * Servlet API's interface is matched by name, javax and jakarta alike, since the probe does not link against it.
 */
final class BindingListeners {
    private static final String JAVAX = "javax.servlet.http.HttpSessionBindingListener";
    private static final String JAKARTA = "jakarta.servlet.http.HttpSessionBindingListener";

    private static final ClassValue<Boolean> LIBRARY_LISTENER = new ClassValue<Boolean>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return !LostFields.isOwn(type) && implementsListener(type);
        }
    };

    private BindingListeners() {
    }

    /** Whether {@code value} is a binding listener of a library's, not of the application's own classes. */
    static boolean isLibraryListener(Object value) {
        return value != null && LIBRARY_LISTENER.get(value.getClass());
    }

    private static boolean implementsListener(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(JAVAX) || i.getName().equals(JAKARTA) || implementsListener(i)) {
                    return true;
                }
            }
        }
        return false;
    }
}
