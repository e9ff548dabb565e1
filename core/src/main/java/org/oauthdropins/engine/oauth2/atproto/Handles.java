package org.oauthdropins.engine.oauth2.atproto;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.oauthdropins.errors.BadRequestException;
import org.oauthdropins.errors.ProviderException;

/** Handle and DID syntax (atproto specs "Handle" and "DID"). */
final class Handles {

  private static final Pattern HANDLE =
      Pattern.compile("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$");

  private static final Pattern DID =
      Pattern.compile("^did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]$");

  private static final Pattern PLC = Pattern.compile("^did:plc:[a-z2-7]{24}$");

  /** TLDs that can never be a handle; {@code .test} is allowed only in development mode. */
  private static final Set<String> DISALLOWED_TLDS =
      Set.of("alt", "arpa", "example", "internal", "invalid", "local", "localhost", "onion");

  /**
   * Characters people paste along with a handle without seeing them: zero-width spaces and joiners,
   * direction marks and embeddings, the word joiner, soft hyphen and byte order mark.
   */
  private static final Pattern INVISIBLE =
      Pattern.compile("[\\u00ad\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\ufeff]");

  private Handles() {}

  /**
   * The user's input as a handle (or a DID), normalized and checked.
   *
   * @param input what the user typed, or null
   * @param devMode whether development-only names ({@code .test}) are allowed
   * @throws BadRequestException if it is missing or neither a handle nor a usable DID
   */
  static String checked(String input, boolean devMode) {
    if (input == null || input.isBlank()) {
      throw new BadRequestException("missing handle");
    }
    if (input.length() > 300) {
      throw new BadRequestException("that is not a Bluesky handle");
    }
    String handle = normalize(input);
    if (handle.startsWith("did:")) {
      if (!validDid(handle)) {
        throw new BadRequestException("that is not a usable DID");
      }
      return handle;
    }
    if (!valid(handle, devMode)) {
      throw new BadRequestException(
          "\""
              + ProviderException.clean(handle)
              + "\" doesn't look like a Bluesky handle (e.g. alice.bsky.social)");
    }
    return handle;
  }

  /** What a user typed, as a handle: invisible characters and one leading {@code @} removed. */
  static String normalize(String input) {
    String s = INVISIBLE.matcher(input).replaceAll("").strip();
    if (s.startsWith("@")) {
      s = s.substring(1);
    }
    return s.toLowerCase(Locale.ROOT);
  }

  /** Whether a normalized handle is syntactically valid. */
  static boolean valid(String handle, boolean devMode) {
    if (handle.length() > 253 || !HANDLE.matcher(handle).matches()) {
      return false;
    }
    String tld = handle.substring(handle.lastIndexOf('.') + 1);
    return !DISALLOWED_TLDS.contains(tld) && (devMode || !tld.equals("test"));
  }

  /** Whether a string is a DID of a method the library resolves: did:plc or did:web. */
  static boolean validDid(String did) {
    if (did == null || did.length() > 2048 || !DID.matcher(did).matches()) {
      return false;
    }
    if (did.startsWith("did:plc:")) {
      return PLC.matcher(did).matches();
    }
    return did.startsWith("did:web:") && !did.substring(8).contains(":");
  }
}
