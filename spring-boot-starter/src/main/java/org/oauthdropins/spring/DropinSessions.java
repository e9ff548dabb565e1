package org.oauthdropins.spring;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.oauthdropins.LoginEvent;
import org.oauthdropins.LoginListener;
import org.oauthdropins.store.Key;

/**
 * The HTTP sessions the starter signed users in to ({@code oauth-dropins.security.sign-in=true}),
 * by the stored login each was signed in with, so that a provider's back-channel logout ({@link
 * LoginEvent.LoggedOut}, OpenID Connect Back-Channel Logout 1.0) ends them: each is invalidated,
 * and its next request is anonymous. Sessions the container destroys are forgotten. It knows the
 * sessions of this server only: on a fleet, the server the provider calls ends its own (the stored
 * login is deleted for every server; a fleet with a shared session store ends them through it).
 */
public final class DropinSessions implements LoginListener, HttpSessionListener {

  private final Map<Key, Set<HttpSession>> byLogin = new ConcurrentHashMap<>();

  /** Remembers that this session was signed in with this login. */
  void signedIn(Key login, HttpSession session) {
    byLogin.computeIfAbsent(login, k -> ConcurrentHashMap.newKeySet()).add(session);
  }

  /** How many live sessions a login signed in, for tests and metrics. */
  public int sessionsOf(Key login) {
    Set<HttpSession> s = byLogin.get(login);
    return s == null ? 0 : s.size();
  }

  @Override
  public void onEvent(LoginEvent event) {
    if (event instanceof LoginEvent.LoggedOut out) {
      for (Key k : out.keys()) {
        Set<HttpSession> sessions = byLogin.remove(k);
        if (sessions != null) {
          sessions.forEach(DropinSessions::invalidate);
        }
      }
    }
  }

  private static void invalidate(HttpSession session) {
    try {
      session.invalidate();
    } catch (IllegalStateException alreadyGone) {
      // Invalidated or expired in between: ended either way.
    }
  }

  @Override
  public void sessionDestroyed(HttpSessionEvent event) {
    HttpSession gone = event.getSession();
    byLogin.values().forEach(s -> s.remove(gone));
    byLogin.values().removeIf(Set::isEmpty);
  }
}
