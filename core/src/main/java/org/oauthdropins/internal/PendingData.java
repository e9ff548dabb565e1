package org.oauthdropins.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns an engine's pending-login record into the flat string map that stores keep, and back. Each
 * engine declares what its callback needs as one small record (a PKCE verifier, a request-token
 * secret, an instance); this class is the only place that knows how such a record is written, so no
 * engine spells a storage key by hand.
 *
 * <p>A component {@code codeVerifier} is kept under {@code code_verifier}, the name the stores have
 * always used, so a login started before an upgrade still finishes after it. Components may be
 * {@code String}, {@code URI}, {@code Instant}, {@code boolean}, {@code int} or {@code long}; a
 * null component is left out and reads back as null.
 *
 * <p>These records hold secrets: each must override {@code toString} to name no value.
 */
public final class PendingData {

  private PendingData() {}

  /**
   * A record type's components, their stored keys and its canonical constructor, looked up and made
   * accessible once per type rather than at every start and callback.
   */
  private record Shape(
      Method[] accessors, String[] keys, Class<?>[] types, Constructor<?> canonical) {
    static Shape of(Class<?> type) {
      RecordComponent[] components = type.getRecordComponents();
      Method[] accessors = new Method[components.length];
      String[] keys = new String[components.length];
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < components.length; i++) {
        // Engines keep their records package-private.
        accessors[i] = components[i].getAccessor();
        accessors[i].setAccessible(true);
        keys[i] = key(components[i].getName());
        types[i] = components[i].getType();
      }
      try {
        Constructor<?> canonical = type.getDeclaredConstructor(types);
        canonical.setAccessible(true);
        return new Shape(accessors, keys, types, canonical);
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("pending data " + type.getSimpleName(), e);
      }
    }
  }

  private static final ClassValue<Shape> SHAPES =
      new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
          return Shape.of(type);
        }
      };

  /** The stored form of a pending-login record. */
  public static Map<String, String> write(Record data) {
    Shape shape = SHAPES.get(data.getClass());
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < shape.accessors().length; i++) {
      Object v;
      try {
        v = shape.accessors()[i].invoke(data);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("pending data " + data.getClass().getSimpleName(), e);
      }
      if (v != null) {
        out.put(shape.keys()[i], v.toString());
      }
    }
    return out;
  }

  /**
   * The record a stored map was written from.
   *
   * @throws IllegalStateException if the map lacks a primitive component or holds a value that does
   *     not parse: the store holds something this version did not write
   */
  public static <R extends Record> R read(Class<R> type, Map<String, String> data) {
    Shape shape = SHAPES.get(type);
    Object[] values = new Object[shape.keys().length];
    for (int i = 0; i < values.length; i++) {
      values[i] = parse(shape.types()[i], data.get(shape.keys()[i]), shape.keys()[i]);
    }
    try {
      return type.cast(shape.canonical().newInstance(values));
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("pending login holds unusable " + type.getSimpleName(), e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("pending data " + type.getSimpleName(), e);
    }
  }

  private static Object parse(Class<?> type, String v, String key) {
    if (v == null) {
      if (type.isPrimitive()) {
        throw new IllegalStateException("pending login lacks " + key);
      }
      return null;
    }
    try {
      if (type == String.class) {
        return v;
      } else if (type == URI.class) {
        return URI.create(v);
      } else if (type == Instant.class) {
        return Instant.parse(v);
      } else if (type == boolean.class || type == Boolean.class) {
        return Boolean.parseBoolean(v);
      } else if (type == int.class || type == Integer.class) {
        return Integer.parseInt(v);
      } else if (type == long.class || type == Long.class) {
        return Long.parseLong(v);
      }
    } catch (RuntimeException e) {
      // The value itself may be a secret: the key only.
      throw new IllegalStateException("pending login holds an unreadable " + key);
    }
    throw new IllegalArgumentException("pending data cannot hold a " + type.getSimpleName());
  }

  /** {@code codeVerifier} to {@code code_verifier}. */
  private static String key(String component) {
    StringBuilder b = new StringBuilder(component.length() + 4);
    for (int i = 0; i < component.length(); i++) {
      char ch = component.charAt(i);
      if (Character.isUpperCase(ch)) {
        b.append('_').append(Character.toLowerCase(ch));
      } else {
        b.append(ch);
      }
    }
    return b.toString();
  }
}
