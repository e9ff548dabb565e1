package org.oauthdropins.engine.oauth2.atproto;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * Looks up DNS TXT records: how a handle names its DID ({@code _atproto.<handle>}). Apps and tests
 * can put their own resolver in (a DNS-over-HTTPS client, a fixed table); {@link #dns()} asks the
 * system's DNS servers.
 */
@FunctionalInterface
public interface TxtResolver {

  /**
   * The TXT records of a name, each as one string; empty if the name has none or does not exist.
   *
   * @throws IOException if DNS cannot be asked
   */
  List<String> txt(String name) throws IOException;

  /** No DNS at all: handles resolve only over HTTPS (or through the development PDS). */
  static TxtResolver none() {
    return name -> List.of();
  }

  /** The system's DNS servers, through the JDK's JNDI DNS provider, with short timeouts. */
  static TxtResolver dns() {
    return name -> {
      Hashtable<String, String> env = new Hashtable<>();
      env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
      env.put("com.sun.jndi.dns.timeout.initial", "1000");
      env.put("com.sun.jndi.dns.timeout.retries", "2");
      DirContext ctx = null;
      try {
        ctx = new InitialDirContext(env);
        Attributes attrs = ctx.getAttributes("dns:/" + name, new String[] {"TXT"});
        Attribute txt = attrs.get("TXT");
        List<String> out = new ArrayList<>();
        if (txt != null) {
          NamingEnumeration<?> values = txt.getAll();
          while (values.hasMore()) {
            // JNDI gives the character-strings of one record quoted and space-separated.
            out.add(String.valueOf(values.next()).replace("\" \"", "").replace("\"", ""));
          }
        }
        return out;
      } catch (NameNotFoundException e) {
        return List.of();
      } catch (NamingException e) {
        throw new IOException("DNS lookup of " + name + " failed: " + e.getMessage(), e);
      } finally {
        if (ctx != null) {
          try {
            ctx.close();
          } catch (NamingException e) {
            // nothing to release
          }
        }
      }
    };
  }
}
