package org.oauthdropins.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SSRF guard's address classes, edge by edge: the first and last address of every range that is
 * not public, and the first address outside it, which is. Each row is one rule; a policy that is
 * off by one at either end of a range fails a row. {@code strict} is {@link GuardPolicy#STRICT},
 * {@code local} is {@link GuardPolicy#LOCAL_DEVELOPMENT} (loopback allowed, nothing else more).
 */
class GuardPolicyTest {

  @ParameterizedTest(name = "{0}: strict {1}, local {2} ({3})")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # address               | strict | local | range
          0.0.0.0                 | false  | false | 0.0.0.0/8, this network
          0.255.255.255           | false  | false | 0.0.0.0/8, last
          1.0.0.0                 | true   | true  | just after 0.0.0.0/8
          9.255.255.255           | true   | true  | just before 10.0.0.0/8
          10.0.0.0                | false  | false | 10.0.0.0/8, private
          10.255.255.255          | false  | false | 10.0.0.0/8, last
          11.0.0.0                | true   | true  | just after 10.0.0.0/8
          100.63.255.255          | true   | true  | just before 100.64.0.0/10
          100.64.0.0              | false  | false | 100.64.0.0/10, carrier NAT
          100.127.255.255         | false  | false | 100.64.0.0/10, last
          100.128.0.0             | true   | true  | just after 100.64.0.0/10
          101.64.0.0              | true   | true  | second byte of CGNAT, other first byte
          126.255.255.255         | true   | true  | just before 127.0.0.0/8
          127.0.0.0               | false  | true  | 127.0.0.0/8, loopback
          127.255.255.255         | false  | true  | 127.0.0.0/8, last
          128.0.0.0               | true   | true  | just after 127.0.0.0/8
          169.253.255.255         | true   | true  | just before 169.254.0.0/16
          169.254.0.0             | false  | false | 169.254.0.0/16, link-local, cloud metadata
          169.254.169.254         | false  | false | 169.254.0.0/16, cloud metadata itself
          169.254.255.255         | false  | false | 169.254.0.0/16, last
          169.255.0.0             | true   | true  | just after 169.254.0.0/16
          170.254.0.0             | true   | true  | second byte of link-local, other first byte
          172.15.255.255          | true   | true  | just before 172.16.0.0/12
          172.16.0.0              | false  | false | 172.16.0.0/12, private
          172.31.255.255          | false  | false | 172.16.0.0/12, last
          172.32.0.0              | true   | true  | just after 172.16.0.0/12
          173.16.0.0              | true   | true  | second byte of 172.16/12, other first byte
          191.255.255.255         | true   | true  | just before 192.0.0.0/24
          192.0.0.0               | false  | false | 192.0.0.0/24, IETF protocol assignments
          192.0.0.255             | false  | false | 192.0.0.0/24, last
          192.0.1.0               | true   | true  | between 192.0.0.0/24 and 192.0.2.0/24
          192.0.2.0               | false  | false | 192.0.2.0/24, TEST-NET-1
          192.0.2.255             | false  | false | 192.0.2.0/24, last
          192.0.3.0               | true   | true  | just after 192.0.2.0/24
          192.1.0.1               | true   | true  | third byte of 192.0.0/24, other second byte
          192.1.2.1               | true   | true  | third byte of 192.0.2/24, other second byte
          193.0.0.1               | true   | true  | 192.0.0/24 with another first byte
          193.0.2.1               | true   | true  | 192.0.2/24 with another first byte
          192.88.98.255           | true   | true  | just before 192.88.99.0/24
          192.88.99.0             | false  | false | 192.88.99.0/24, 6to4 relay anycast
          192.88.99.255           | false  | false | 192.88.99.0/24, last
          192.88.100.0            | true   | true  | just after 192.88.99.0/24
          192.89.99.1             | true   | true  | 192.88.99/24 with another second byte
          193.88.99.1             | true   | true  | 192.88.99/24 with another first byte
          192.167.255.255         | true   | true  | just before 192.168.0.0/16
          192.168.0.0             | false  | false | 192.168.0.0/16, private
          192.168.255.255         | false  | false | 192.168.0.0/16, last
          192.169.0.0             | true   | true  | just after 192.168.0.0/16
          193.168.0.1             | true   | true  | 192.168/16 with another first byte
          198.17.255.255          | true   | true  | just before 198.18.0.0/15
          198.18.0.0              | false  | false | 198.18.0.0/15, benchmarking
          198.19.255.255          | false  | false | 198.18.0.0/15, last
          198.20.0.0              | true   | true  | just after 198.18.0.0/15
          199.18.0.1              | true   | true  | 198.18/15 with another first byte
          198.51.99.255           | true   | true  | just before 198.51.100.0/24
          198.51.100.0            | false  | false | 198.51.100.0/24, TEST-NET-2
          198.51.100.255          | false  | false | 198.51.100.0/24, last
          198.51.101.0            | true   | true  | just after 198.51.100.0/24
          198.52.100.1            | true   | true  | TEST-NET-2 with another second byte
          199.51.100.1            | true   | true  | TEST-NET-2 with another first byte
          203.0.112.255           | true   | true  | just before 203.0.113.0/24
          203.0.113.0             | false  | false | 203.0.113.0/24, TEST-NET-3
          203.0.113.255           | false  | false | 203.0.113.0/24, last
          203.0.114.0             | true   | true  | just after 203.0.113.0/24
          203.1.113.1             | true   | true  | TEST-NET-3 with another second byte
          204.0.113.1             | true   | true  | TEST-NET-3 with another first byte
          223.255.255.255         | true   | true  | just before 224.0.0.0/4
          224.0.0.0               | false  | false | 224.0.0.0/4, multicast
          239.255.255.255         | false  | false | 224.0.0.0/4, last
          240.0.0.0               | false  | false | 240.0.0.0/4, reserved
          255.255.255.255         | false  | false | broadcast
          ::                      | false  | false | unspecified, not loopback
          ::1                     | false  | true  | IPv6 loopback
          ::2                     | false  | false | just after ::1, not global unicast
          ::1:0:0:0:1             | false  | false | ends in 1 but is not ::1
          ::127.0.0.1             | false  | false | IPv4-compatible, deprecated
          ::ffff:0.0.0.0          | false  | false | IPv4-mapped, judged as its IPv4 address
          ::ffff:8.8.8.8          | true   | true  | IPv4-mapped public
          ::ffff:10.0.0.1         | false  | false | IPv4-mapped private
          ::ffff:127.0.0.1        | false  | true  | IPv4-mapped loopback
          ::ff:808:808            | false  | false | not mapped: byte 10 is not ff
          ::ff00:808:808          | false  | false | not mapped: byte 11 is not ff
          ::1:ffff:808:808        | false  | false | not mapped: bytes 0-9 are not zero
          64:ff9b::808:808        | true   | true  | NAT64 public
          64:ff9b::a00:1          | false  | false | NAT64 private
          64:ff9b::7f00:1         | false  | true  | NAT64 loopback
          164:ff9b::808:808       | false  | false | not NAT64: byte 0
          65:ff9b::808:808        | false  | false | not NAT64: byte 1
          64:fe9b::808:808        | false  | false | not NAT64: byte 2
          64:ff9a::808:808        | false  | false | not NAT64: byte 3
          64:ff9b:1::808:808      | false  | false | local-use NAT64 64:ff9b:1::/48, not the well-known prefix
          2002:808:808::1         | true   | true  | 6to4 of a public address
          2002:a00:1::1           | false  | false | 6to4 of a private address
          2002:7f00:1::1          | false  | true  | 6to4 of loopback
          2102:a00:1::1           | true   | true  | not 6to4: byte 0
          2003:a00:1::1           | true   | true  | not 6to4: byte 1
          1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | false | false | just before 2000::/3
          2000::                  | true   | true  | 2000::/3, global unicast, first
          3ffe:ffff::1            | true   | true  | global unicast, before 3fff::/20
          4000::                  | false  | false | just after 2000::/3
          2001::                  | false  | false | 2001::/23, IETF protocol assignments (Teredo)
          2001:1ff:ffff:ffff::    | false  | false | 2001::/23, last
          2001:200::              | true   | true  | just after 2001::/23
          2003:100::1             | true   | true  | 2001::/23's second word with another first word
          2001:db7:ffff:ffff::    | true   | true  | just before 2001:db8::/32
          2001:db8::              | false  | false | 2001:db8::/32, documentation
          2001:db8:ffff:ffff::    | false  | false | 2001:db8::/32, last
          2001:db9::              | true   | true  | just after 2001:db8::/32
          2003:db8::1             | true   | true  | 2001:db8's second word with another first word
          3fff::                  | false  | false | 3fff::/20, documentation
          3fff:fff:ffff:ffff::    | false  | false | 3fff::/20, last
          3fff:1000::             | true   | true  | just after 3fff::/20
          3ffe:fff::1             | true   | true  | 3fff::/20's second word with another first word
          fbff:ffff:ffff:ffff::   | false  | false | just before fc00::/7, not global either
          fc00::                  | false  | false | fc00::/7, unique local
          fdff:ffff:ffff:ffff::   | false  | false | fc00::/7, last
          fe80::                  | false  | false | fe80::/10, link-local
          febf:ffff:ffff:ffff::   | false  | false | fe80::/10, last
          fec0::                  | false  | false | fec0::/10, site-local (deprecated)
          ff00::                  | false  | false | ff00::/8, multicast
          ff02::1                 | false  | false | all nodes
          """)
  void addressRanges(String address, boolean strict, boolean local, String range) {
    InetAddress a = AddressLiterals.parse(address);
    assertThat(GuardPolicy.STRICT.allows(a)).as("strict, " + range).isEqualTo(strict);
    assertThat(GuardPolicy.LOCAL_DEVELOPMENT.allows(a)).as("local, " + range).isEqualTo(local);
  }

  @Test
  void zeroRedirectsIsAPolicyAndANegativeNumberIsNot() {
    assertThat(GuardPolicy.STRICT.withMaxRedirects(0).maxRedirects()).isZero();
    assertThatThrownBy(() -> GuardPolicy.STRICT.withMaxRedirects(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxRedirects");
  }
}
