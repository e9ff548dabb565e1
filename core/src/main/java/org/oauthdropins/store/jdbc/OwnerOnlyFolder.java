package org.oauthdropins.store.jdbc;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded database's folder, readable by its owner alone: the file holds bearer and refresh
 * tokens as they are, and H2 makes its files (the database, its trace, temporary files, a renamed
 * copy after compaction) with whatever the process's umask allows, typically 0644 in a 0755 folder.
 *
 * <p>The folder's mode is what protects: nobody else can open or even list a file in a 0700 folder,
 * whatever mode H2 gives the files it makes later. The folder is created 0700 and its mode then set
 * explicitly, so that no umask widens or narrows it. The store's own files ({@code <name>.*}) are
 * made 0600 besides (the database before H2 first opens it, and every one present after), as a
 * second line should the folder be opened up later.
 *
 * <p>A folder that already exists with wider permissions (made by an earlier version, or by hand)
 * is tightened to 0700 with a warning, since a store's folder is the store's own; where that is not
 * allowed (a folder the process does not own), the store opens anyway with a warning naming the
 * folder and its mode. On file systems without POSIX permissions (Windows) nothing is changed:
 * there the folder inherits the ACLs of its parent, usually the user's profile.
 */
final class OwnerOnlyFolder {

  private static final Logger LOG = LoggerFactory.getLogger(OwnerOnlyFolder.class);

  static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
  static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private OwnerOnlyFolder() {}

  /**
   * Creates {@code dir} (and its missing parents, which keep the umask's mode) owner-only, or
   * tightens it, and creates the database file {@code <name>.mv.db} owner-only if it is missing.
   */
  static void prepare(Path dir, String name) throws IOException {
    if (Files.notExists(dir)) {
      if (dir.getParent() != null) {
        Files.createDirectories(dir.getParent());
      }
      try {
        if (posix(dir)) {
          Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(FOLDER));
        } else {
          Files.createDirectory(dir);
        }
      } catch (FileAlreadyExistsException e) {
        // Made meanwhile by someone else: tightened below like any existing folder.
      }
    }
    if (!posix(dir)) {
      return;
    }
    tightenFolder(dir);
    Path db = dir.resolve(name + ".mv.db");
    try {
      // H2 takes an empty file as a new database, and writes into it keeping its mode.
      Files.createFile(db, PosixFilePermissions.asFileAttribute(FILE));
    } catch (FileAlreadyExistsException e) {
      // An existing database; tightened with the others below.
    }
    tightenFiles(dir, name);
  }

  /** Makes every file of the store's ({@code <name>.*}) in {@code dir} owner-only. */
  static void tightenFiles(Path dir, String name) throws IOException {
    if (!posix(dir)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, name + ".*")) {
      for (Path f : files) {
        if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
            && !FILE.containsAll(Files.getPosixFilePermissions(f, LinkOption.NOFOLLOW_LINKS))) {
          Files.setPosixFilePermissions(f, FILE);
        }
      }
    }
  }

  private static void tightenFolder(Path dir) throws IOException {
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir);
    if (mode.equals(FOLDER)) {
      return;
    }
    try {
      Files.setPosixFilePermissions(dir, FOLDER);
    } catch (IOException e) {
      LOG.warn(
          "the credential store's folder {} is {}, open to others, and could not be made {}"
              + " ({}): its files are {}, but give the store a folder of its own",
          dir,
          PosixFilePermissions.toString(mode),
          PosixFilePermissions.toString(FOLDER),
          e.getClass().getSimpleName(),
          PosixFilePermissions.toString(FILE));
      return;
    }
    if (!FOLDER.containsAll(mode)) {
      LOG.warn(
          "the credential store's folder {} was {}; it holds tokens, so it is now {}",
          dir,
          PosixFilePermissions.toString(mode),
          PosixFilePermissions.toString(FOLDER));
    }
  }

  private static boolean posix(Path p) {
    return Files.getFileAttributeView(p, PosixFileAttributeView.class) != null;
  }
}
