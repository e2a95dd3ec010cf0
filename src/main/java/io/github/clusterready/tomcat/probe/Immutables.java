package io.github.clusterready.tomcat.probe;

import java.io.File;
import java.io.ObjectStreamClass;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.URI;
import java.net.URL;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Which values cannot change once made, so that two attributes holding one of them, or the other node holding a copy
 * instead of the object itself, makes no difference: the JDK's value types ({@code String}, the boxed primitives,
 * enums, {@code Locale}, {@code BigDecimal}, {@code BigInteger}, {@code java.time}, {@code UUID}, {@code URI} and a
 * few more, each by its exact class, since a subclass of a non-final one may add state), and classes that are
 * provably immutable: final, every instance field final and of a type that is itself immutable (a primitive or one
 * of these). Decided once per class ({@link ClassValue}, which holds no webapp class loader after its undeploy).
 */
final class Immutables {
    /** JDK classes whose instances do not change, by exact class. */
    private static final Set<Class<?>> VALUES = new HashSet<>(Arrays.<Class<?>>asList(String.class, Boolean.class,
            Character.class, Byte.class, Short.class, Integer.class, Long.class, Float.class, Double.class,
            Class.class, ObjectStreamClass.class, Locale.class, BigDecimal.class, BigInteger.class, UUID.class,
            URI.class, URL.class, Currency.class, Pattern.class, File.class, Inet4Address.class,
            Inet6Address.class));

    private static final ClassValue<Boolean> IMMUTABLE = new ClassValue<Boolean>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return decide(type, new HashSet<Class<?>>());
        }
    };

    private Immutables() {
    }

    /** Whether the object's class is one whose instances never change. */
    static boolean immutable(Object object) {
        return object != null && IMMUTABLE.get(object.getClass());
    }

    /** Whether instances of the class never change; {@code visiting} holds the classes being decided (cycles). */
    private static boolean decide(Class<?> type, Set<Class<?>> visiting) {
        if (type.isPrimitive() || VALUES.contains(type) || type.isEnum()
                || (type.getSuperclass() != null && type.getSuperclass().isEnum())) {
            return true;
        }
        String name = type.getName();
        if (name.startsWith("java.time.") && !name.startsWith("java.time.chrono.")
                && !name.startsWith("java.time.format.") && !name.startsWith("java.time.temporal.")) {
            // the value types of java.time (Instant, LocalDate, ZoneId, Duration, ...) are final and immutable
            return true;
        }
        if (name.startsWith("java.util.Collections$Empty")) {
            return true;
        }
        if (type.isArray() || type.isInterface() || !Modifier.isFinal(type.getModifiers())
                || type.getClassLoader() == null || !visiting.add(type)) {
            // arrays can be written to; a JDK class not listed above is not assumed to be a value; a class met
            // again while being decided refers to itself and is not provably immutable
            return false;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Field[] fields;
            try {
                fields = c.getDeclaredFields();
            } catch (LinkageError | SecurityException e) {
                return false;
            }
            for (Field field : fields) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers)) {
                    continue;
                }
                if (!Modifier.isFinal(modifiers) || !holdsOnlyImmutables(field.getType(), visiting)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether every value a field of this declared type can hold is immutable: a primitive, a listed value class, an
     * enum, a {@code java.time} type, or a final class decided in turn (a non-final one may hold a mutable subclass).
     */
    private static boolean holdsOnlyImmutables(Class<?> declared, Set<Class<?>> visiting) {
        if (declared.isPrimitive() || VALUES.contains(declared) || declared.isEnum()
                || declared.getName().startsWith("java.time.")) {
            return decide(declared, visiting);
        }
        return Modifier.isFinal(declared.getModifiers()) && decide(declared, visiting);
    }
}
