package org.oauthdropins.http;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;

/**
 * What the SSRF guard ({@link GuardedTransport}) lets through. The default, {@link #STRICT}, is
 * https only, to public addresses only, with at most five redirects. Tests and a development
 * sandbox opt in to plain http and loopback explicitly with {@link #LOCAL_DEVELOPMENT}; nothing
 * opts in to private, link-local or otherwise non-public addresses.
 *
 * @param allowHttp whether plain {@code http} URLs may be fetched (development only)
 * @param allowLoopback whether loopback addresses ({@code 127.0.0.0/8}, {@code ::1}) may be reached
 *     (tests and the sandbox only)
 * @param maxRedirects how many redirects one request may follow
 * @param resolver turns host names into addresses; injectable so tests can play DNS
 */
public record GuardPolicy(
    boolean allowHttp, boolean allowLoopback, int maxRedirects, Resolver resolver) {

  /** Looks up the addresses of a host name. */
  @FunctionalInterface
  public interface Resolver {

    /**
     * Every address the name resolves to.
     *
     * @throws UnknownHostException if it resolves to none
     */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /** The system resolver. */
    static Resolver system() {
      return host -> List.of(InetAddress.getAllByName(host));
    }
  }

  /** https to public addresses, five redirects, the system resolver: for production. */
  public static final GuardPolicy STRICT = new GuardPolicy(false, false, 5, Resolver.system());

  /** Also plain http and loopback: for tests and the demo's sandbox, never for production. */
  public static final GuardPolicy LOCAL_DEVELOPMENT =
      new GuardPolicy(true, true, 5, Resolver.system());

  /** Makes the value, checking its components. */
  public GuardPolicy {
    Objects.requireNonNull(resolver, "resolver");
    if (maxRedirects < 0) {
      throw new IllegalArgumentException("maxRedirects must not be negative");
    }
  }

  /** This policy with another resolver, as tests use to play DNS. */
  public GuardPolicy withResolver(Resolver r) {
    return new GuardPolicy(allowHttp, allowLoopback, maxRedirects, r);
  }

  /** This policy with another redirect limit. */
  public GuardPolicy withMaxRedirects(int max) {
    return new GuardPolicy(allowHttp, allowLoopback, max, resolver);
  }

  /** Whether a URL scheme may be fetched. */
  public boolean allowsScheme(String scheme) {
    return "https".equalsIgnoreCase(scheme) || allowHttp && "http".equalsIgnoreCase(scheme);
  }

  /**
   * Whether an address may be connected to: a public unicast address, or loopback if this policy
   * allows it. IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4) are judged by that
   * address.
   */
  public boolean allows(InetAddress address) {
    // InetAddress has no other subclasses (its constructor is package-private).
    byte[] b = address.getAddress();
    return address instanceof Inet4Address ? allowsV4(b) : allowsV6(b);
  }

  private boolean allowsV4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    int a2 = b[2] & 0xff;
    if (a0 == 127) {
      return allowLoopback;
    }
    return !(a0 == 0 // "this network"
        || a0 == 10 // private
        || a0 == 100 && (a1 & 0xc0) == 64 // shared address space (carrier NAT)
        || a0 == 169 && a1 == 254 // link-local, where cloud metadata services live
        || a0 == 172 && (a1 & 0xf0) == 16 // private
        || a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2) // IETF protocol assignments, TEST-NET-1
        || a0 == 192 && a1 == 88 && a2 == 99 // 6to4 relay anycast
        || a0 == 192 && a1 == 168 // private
        || a0 == 198 && (a1 & 0xfe) == 18 // benchmarking
        || a0 == 198 && a1 == 51 && a2 == 100 // TEST-NET-2
        || a0 == 203 && a1 == 0 && a2 == 113 // TEST-NET-3
        || a0 >= 224); // multicast, reserved, broadcast
  }

  private boolean allowsV6(byte[] b) {
    if (isZero(b, 0, 15) && b[15] == 1) {
      return allowLoopback; // ::1
    }
    if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      return allowsV4(new byte[] {b[12], b[13], b[14], b[15]}); // ::ffff:a.b.c.d, mapped
    }
    if ((b[0] & 0xff) == 0
        && (b[1] & 0xff) == 0x64
        && (b[2] & 0xff) == 0xff
        && (b[3] & 0xff) == 0x9b
        && isZero(b, 4, 12)) {
      return allowsV4(new byte[] {b[12], b[13], b[14], b[15]}); // 64:ff9b::/96, NAT64
    }
    if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
      return allowsV4(new byte[] {b[2], b[3], b[4], b[5]}); // 2002::/16, 6to4
    }
    // Only global unicast (2000::/3) is public. That leaves out the unspecified and
    // IPv4-compatible forms, unique local (fc00::/7), link-local (fe80::/10), site-local and
    // multicast; within it, IETF protocol assignments (2001::/23, Teredo included) and the
    // documentation ranges are not public either.
    if ((b[0] & 0xe0) != 0x20) {
      return false;
    }
    int w0 = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
    int w1 = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    return !(w0 == 0x2001 && w1 < 0x0200 // 2001::/23
        || w0 == 0x2001 && w1 == 0x0db8 // 2001:db8::/32
        || w0 == 0x3fff && w1 < 0x1000); // 3fff::/20
  }

  private static boolean isZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
