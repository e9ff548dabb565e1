package org.oauthdropins.store.jdbc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.oauthdropins.keys.KeyRing;
import org.oauthdropins.keys.KeySource;
import org.oauthdropins.store.AppRegistrationsContract;
import org.oauthdropins.store.AuthStore;
import org.oauthdropins.store.LoginStoreContract;
import org.oauthdropins.store.Outage;
import org.oauthdropins.store.PendingLoginsContract;
import org.oauthdropins.store.RefreshLeasesContract;
import org.oauthdropins.store.Scratch;
import org.oauthdropins.store.StoreBackend;

/**
 * Every store contract against the embedded default: {@link JdbcStore#embedded(Path)}, an H2 file
 * database, as an app gets it without configuration.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedH2StoreTest {

  @TempDir static Path dir;
  private JdbcStore embedded;
  private JdbcDataSource direct;

  @BeforeAll
  void open() {
    embedded = JdbcStore.embedded(dir);
    direct = new JdbcDataSource();
    direct.setURL("jdbc:h2:" + dir.toAbsolutePath().resolve("oauth-dropins"));
    direct.setUser("sa");
  }

  @AfterAll
  void close() {
    embedded.close();
  }

  private final JdbcBackend h2 =
      new JdbcBackend() {
        @Override
        public AuthStore open(Clock clock) {
          return embedded.withClock(clock);
        }

        @Override
        DataSource dataSource() {
          return direct;
        }

        @Override
        public Outage outage(Clock clock) {
          return switchedOutage(clock);
        }

        @Override
        boolean returnsChangedRows() {
          return false; // see ReturningSql.of
        }

        @Override
        KeyRing ring() {
          // the ring the embedded store made in its folder
          return KeySource.embedded(dir).keyRing();
        }

        @Override
        DataSource newDatabase() {
          throw new UnsupportedOperationException("the embedded store's scratch is its own folder");
        }

        /** A folder of its own with the embedded store in it, read as files. */
        @Override
        public Scratch scratch() throws IOException {
          Path folder = Files.createTempDirectory(dir, "scratch");
          List<JdbcStore> opened = new ArrayList<>();
          return new Scratch() {
            @Override
            public AuthStore open(Clock clock, KeyRing ring) {
              JdbcStore s = JdbcStore.embedded(folder, ring);
              opened.add(s);
              return s.withClock(clock);
            }

            @Override
            public AuthStore unsealed(Clock clock) {
              JdbcStore s = JdbcStore.embedded(folder, KeyRing.generate());
              opened.add(s);
              return s.withClock(clock).unsealed();
            }

            @Override
            public String dump() throws Exception {
              return filesText(folder);
            }

            @Override
            public void close() {
              opened.forEach(JdbcStore::close);
            }
          };
        }
      };

  /**
   * Every byte of the database's files, as {@code strings} reads them, once H2 has written what it
   * holds in memory to them. The key file, which is not the database, is left out.
   */
  static String filesText(Path folder) throws Exception {
    JdbcDataSource db = new JdbcDataSource();
    db.setURL("jdbc:h2:" + folder.toAbsolutePath().resolve("oauth-dropins"));
    db.setUser("sa");
    try (Connection c = db.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CHECKPOINT SYNC");
    }
    StringBuilder out = new StringBuilder();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (!f.getFileName().toString().equals(KeySource.EMBEDDED_FILE_NAME)) {
          out.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
        }
      }
    }
    return out.toString();
  }

  @Nested
  class Logins extends LoginStoreContract {
    @Override
    protected StoreBackend backend() {
      return h2;
    }
  }

  @Nested
  class Pending extends PendingLoginsContract {
    @Override
    protected StoreBackend backend() {
      return h2;
    }
  }

  @Nested
  class Registrations extends AppRegistrationsContract {
    @Override
    protected StoreBackend backend() {
      return h2;
    }
  }

  @Nested
  class Leases extends RefreshLeasesContract {
    @Override
    protected StoreBackend backend() {
      return h2;
    }
  }

  @Nested
  class Jdbc extends JdbcStoreContract {
    @Override
    protected JdbcBackend backend() {
      return h2;
    }
  }
}
