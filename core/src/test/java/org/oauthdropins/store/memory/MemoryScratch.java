package org.oauthdropins.store.memory;

import java.lang.reflect.RecordComponent;
import java.time.Clock;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.Scratch;

/** A memory store of its own: its maps are the backend, read value by value. */
final class MemoryScratch implements Scratch {

  private MemoryStore first;

  @Override
  public synchronized AuthStore open(Clock clock, KeyRing ring) {
    if (first == null) {
      first = new MemoryStore(clock, ring);
      return first;
    }
    return first.withKeys(ring);
  }

  @Override
  public synchronized AuthStore unsealed(Clock clock) {
    if (first == null) {
      first = new MemoryStore(clock);
    }
    return first.unsealed();
  }

  @Override
  public synchronized String dump() throws Exception {
    StringBuilder out = new StringBuilder();
    if (first != null) {
      for (Object held : first.held()) {
        render(held, out);
      }
    }
    return out.toString();
  }

  /** Each component of a record, and of the records inside it, whatever toString() masks. */
  private static void render(Object value, StringBuilder out) throws Exception {
    if (value != null && value.getClass().isRecord()) {
      for (RecordComponent c : value.getClass().getRecordComponents()) {
        render(c.getAccessor().invoke(value), out);
      }
    } else {
      out.append(value).append('\n');
    }
  }
}
