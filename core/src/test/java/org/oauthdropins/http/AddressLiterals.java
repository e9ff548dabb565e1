package org.oauthdropins.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IP literals for tests of the SSRF guard, read as written. */
public final class AddressLiterals {

  private AddressLiterals() {}

  /**
   * The address a literal names, keeping an IPv4-mapped IPv6 literal in its IPv6 form (which is
   * what a resolver hostile to the app would answer); {@code InetAddress.getByName} would hand back
   * the IPv4 address it stands for.
   */
  public static InetAddress parse(String literal) {
    try {
      InetAddress a = InetAddress.getByName(literal);
      if (literal.contains(":") && a instanceof Inet4Address) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(a.getAddress(), 0, v6, 12, 4);
        return Inet6Address.getByAddress(null, v6, -1);
      }
      return a;
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
