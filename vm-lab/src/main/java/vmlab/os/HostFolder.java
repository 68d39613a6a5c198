package vmlab.os;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A folder of the host mounted into the guest's tree (a bind mount), read-write or read-only. Nothing outside the folder
 * can be reached: names are normalized by the mount table before they come here, and a symbolic link that leads out of
 * the folder is refused with EACCES.
 */
public final class HostFolder implements FileTree {
    private final Path root;
    private final boolean readOnly;

    public HostFolder(Path root, boolean readOnly) {
        this.root = root.toAbsolutePath().normalize();
        this.readOnly = readOnly;
    }

    public Path root() {
        return root;
    }

    private Path resolve(String path) throws VfsException {
        Path p = root.resolve(path).normalize();
        if (!p.startsWith(root)) {
            throw new VfsException(Errno.EACCES, path + " is outside " + root);
        }
        try {
            if (Files.exists(p) && !p.toRealPath().startsWith(root.toRealPath())) {
                throw new VfsException(Errno.EACCES, path + " leads out of " + root + " by a symbolic link");
            }
        } catch (IOException e) {
            throw new VfsException(Errno.EIO, path + ": " + e.getMessage());
        }
        return p;
    }

    private void refuseIfReadOnly(String path) throws VfsException {
        if (readOnly) {
            throw new VfsException(Errno.EROFS, path + " is on a read-only mount");
        }
    }

    @Override
    public Kind kind(String path) {
        try {
            Path p = resolve(path);
            return Files.isDirectory(p) ? Kind.DIRECTORY : Files.isRegularFile(p) ? Kind.FILE : null;
        } catch (VfsException e) {
            return null;
        }
    }

    @Override
    public OpenFile open(String path, OpenRequest request) throws VfsException {
        Path p = resolve(path);
        if (Files.isDirectory(p)) {
            throw new VfsException(Errno.EISDIR, path + " is a directory");
        }
        if (request.changes()) {
            refuseIfReadOnly(path);
        }
        Set<OpenOption> options = new HashSet<>();
        options.add(StandardOpenOption.READ);
        if (request.write()) {
            options.add(StandardOpenOption.WRITE);
        }
        if (request.create()) {
            options.add(request.exclusive() ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        }
        if (request.truncate()) {
            options.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        try {
            FileChannel channel = FileChannel.open(p, options);
            return OpenFile.file(channel, request.read(), request.write(), request.append());
        } catch (NoSuchFileException e) {
            throw new VfsException(Errno.ENOENT, "no such file: " + path);
        } catch (FileAlreadyExistsException e) {
            throw new VfsException(Errno.EEXIST, path + " exists");
        } catch (AccessDeniedException e) {
            throw new VfsException(Errno.EACCES, "the host refuses " + path);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            throw new VfsException(Errno.EIO, path + ": " + e.getMessage());
        }
    }

    @Override
    public List<String> list(String path) throws VfsException {
        Path p = resolve(path);
        if (!Files.isDirectory(p)) {
            throw new VfsException(Files.exists(p) ? Errno.ENOTDIR : Errno.ENOENT, "not a directory: " + path);
        }
        try (Stream<Path> entries = Files.list(p)) {
            List<String> names = new ArrayList<>(entries.filter(e -> Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS)
                    || Files.isRegularFile(e, LinkOption.NOFOLLOW_LINKS)).map(e -> e.getFileName().toString()).toList());
            names.sort(null);
            return names;
        } catch (IOException e) {
            throw new VfsException(Errno.EIO, path + ": " + e.getMessage());
        }
    }

    @Override
    public void makeDirectory(String path) throws VfsException {
        refuseIfReadOnly(path);
        try {
            Files.createDirectory(resolve(path));
        } catch (FileAlreadyExistsException e) {
            throw new VfsException(Errno.EEXIST, path + " exists");
        } catch (NoSuchFileException e) {
            throw new VfsException(Errno.ENOENT, "no such directory: " + FileTree.parentOf(path));
        } catch (IOException e) {
            throw new VfsException(Errno.EIO, path + ": " + e.getMessage());
        }
    }

    @Override
    public void remove(String path) throws VfsException {
        refuseIfReadOnly(path);
        if (path.isEmpty()) {
            throw new VfsException(Errno.EACCES, "the root of a mount cannot be removed");
        }
        try {
            Files.delete(resolve(path));
        } catch (NoSuchFileException e) {
            throw new VfsException(Errno.ENOENT, "no such file: " + path);
        } catch (DirectoryNotEmptyException e) {
            throw new VfsException(Errno.ENOTEMPTY, path + " is not empty");
        } catch (IOException e) {
            throw new VfsException(Errno.EIO, path + ": " + e.getMessage());
        }
    }

    @Override
    public boolean writable() {
        return !readOnly;
    }

    @Override
    public String describe() {
        return "bind " + root + (readOnly ? " (ro)" : " (rw)");
    }
}
