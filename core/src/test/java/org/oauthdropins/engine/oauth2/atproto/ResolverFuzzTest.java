package org.oauthdropins.engine.oauth2.atproto;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.oauthdropins.fuzz.Fuzz;
import org.oauthdropins.fuzz.Input;
import org.oauthdropins.http.HttpTransport;

/**
 * atproto identity: handles and DIDs users type, TXT records, DID documents, protected-resource and
 * authorization-server metadata, all from servers the user chose.
 */
class ResolverFuzzTest {

  private static final URI PLC = URI.create("https://plc.example");

  /**
   * Input: a status byte, a mode byte, then NUL-separated texts: the first is the handle or DID,
   * the rest are the answers in order (TXT records for a handle; then HTTP bodies).
   */
  @FuzzTest
  void resolve(byte[] data) {
    Input in = new Input(data);
    int status = in.status();
    int mode = in.pick() % 3;
    boolean devMode = in.pick() % 2 == 0;
    List<String> parts = in.textParts();
    String subject = parts.get(0);
    List<String> answers = parts.subList(1, parts.size());
    AtomicInteger n = new AtomicInteger();
    HttpTransport transport =
        Fuzz.answering(
            call -> {
              int i = n.getAndIncrement();
              return i < answers.size()
                  ? Fuzz.result(status, call.uri(), "application/json", answers.get(i))
                  : null;
            });
    Resolver resolver = new Resolver(transport, PLC, name -> answers, null, devMode);
    Fuzz.refusesOnly(
        () -> {
          switch (mode) {
            case 0 -> {
              String handle = Handles.normalize(subject);
              if (Handles.valid(handle, devMode)) {
                resolver.did(handle);
              }
            }
            case 1 -> {
              if (Handles.validDid(subject)) {
                resolver.identity(subject);
              }
            }
            default -> resolver.authServer(UserUrls.check(subject, devMode, "the PDS"));
          }
        });
  }

  /** Handle and DID syntax: pure predicates, which refuse nothing and never throw. */
  @FuzzTest
  void handles(byte[] data) {
    String s = new Input(data).rest();
    Fuzz.refusesOnly(
        () -> {
          String h = Handles.normalize(s);
          Handles.valid(h, true);
          Handles.valid(h, false);
          Handles.validDid(s);
        });
  }
}
