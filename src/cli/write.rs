//! Writing files atomically: a temporary file beside the target, then a rename, so a
//! failure never leaves a half-written file or destroys the previous one.
//!
//! Phase: cli. Used by `render` (new or existing outputs), `import` (new or existing
//! outputs, never through a symbolic link), `fmt` and `pin` (existing debate files).
//!
//! The temporary file gets an unpredictable name and is created exclusively
//! (`O_EXCL`, by the `tempfile` crate), so that nothing planted beside the target, such
//! as a symbolic link, can redirect the write. It has the final mode from the start.
//! Ctrl-C during the write removes it ([`crate::interrupt`]) and leaves the target as it
//! was.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::interrupt::Temporary;

/// The folder a file is to be written in (`.` for a bare file name).
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Checks that the folder `path` is to be written in exists, so that a missing one is
/// reported by name before any work is done. For a symbolic link that leads nowhere, that
/// is the folder of the path it leads to (see [`dangling_target`]).
pub(crate) fn check_folder(path: &Path) -> std::io::Result<()> {
    let target = dangling_target(path)?.unwrap_or_else(|| path.to_path_buf());
    let dir = folder_of(&target);
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(_) => Err(std::io::Error::new(
            std::io::ErrorKind::NotADirectory,
            format!("{} is not a folder", dir.display()),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("the folder {} does not exist", dir.display()),
        )),
        Err(e) => Err(e),
    }
}

/// The most links followed from one path, as Linux's own limit (`ELOOP` after 40).
const MAX_LINKS: usize = 40;

/// Where a symbolic link at `path` that leads nowhere (to a file that does not exist
/// yet) leads: the end of its chain of links, each resolved relative to its own
/// folder, as the system would resolve it on opening. Writing to the link writes that
/// file, as writing to a link to an existing file writes through to that file.
/// `Ok(None)` when `path` is not a symbolic link or leads to something that exists. An
/// error, naming the link and its target, when the target's folder does not exist (or
/// is not a folder): the link is then left as it is, never replaced by a file.
pub(crate) fn dangling_target(path: &Path) -> std::io::Result<Option<PathBuf>> {
    let is_link = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_symlink());
    if !is_link(path) || std::fs::metadata(path).is_ok() {
        return Ok(None);
    }
    let written = std::fs::read_link(path)?;
    let mut target = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        if !is_link(&target) {
            let folder = folder_of(&target);
            let problem = match std::fs::metadata(folder) {
                Ok(meta) if meta.is_dir() => return Ok(Some(target)),
                Ok(_) => "is not a folder",
                Err(_) => "does not exist",
            };
            return Err(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!(
                    "it is a symbolic link to {}, and the folder {} {problem}; \
                     the link is left as it is",
                    written.display(),
                    folder.display()
                ),
            ));
        }
        let next = std::fs::read_link(&target)?;
        // Relative to the link's folder (an absolute `next` replaces it).
        target = match target.parent().filter(|p| !p.as_os_str().is_empty()) {
            Some(folder) => folder.join(next),
            None => next,
        };
    }
    Err(std::io::Error::other(format!(
        "it is a symbolic link to {}, and more than {MAX_LINKS} links follow each other \
         from it",
        written.display()
    )))
}

/// Where writing to `path` would put the bytes: the path with its folder's symbolic
/// links resolved, and with the file's own link followed when it is one (also when it
/// leads to a file that does not exist yet). `None` when the folder does not exist.
pub(crate) fn destination(path: &Path) -> Option<PathBuf> {
    if let Ok(target) = std::fs::canonicalize(path) {
        return Some(target);
    }
    let target = dangling_target(path).ok()?;
    let path = target.as_deref().unwrap_or(path);
    let name = path.file_name()?;
    Some(std::fs::canonicalize(folder_of(path)).ok()?.join(name))
}

/// Writes `bytes` to `path` atomically. An existing file keeps its permissions, and a
/// symbolic link is followed, so the file it points to is replaced and the link stays
/// a link; a link to a file that does not exist yet makes that file, if its folder
/// exists, and is otherwise an error that leaves the link alone ([`dangling_target`]).
/// A new file gets the permissions of any newly created file (`0o666` less the umask).
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_with(path, bytes, &|_| Ok(()))
}

/// Where the symbolic link at `path` leads, as the link says it (`../deb/kk2.crux`);
/// `None` when `path` is not a symbolic link (or does not exist).
pub(crate) fn link_target(path: &Path) -> Option<PathBuf> {
    std::fs::symlink_metadata(path)
        .is_ok_and(|m| m.is_symlink())
        .then(|| std::fs::read_link(path).ok())
        .flatten()
}

/// Writes `bytes` to `path` atomically, as [`write_atomically`] does, unless `path` is
/// a symbolic link: the link is then left as it is, and so is the file it leads to
/// (for outputs that must never replace a file elsewhere, such as `crux import`'s).
/// Checked again right before the new file takes its name; a link made there after
/// that is replaced by the new file, never followed.
pub(crate) fn write_atomically_unless_link(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let refuse = || -> std::io::Result<()> {
        match link_target(path) {
            Some(to) => Err(std::io::Error::other(format!(
                "it is a symbolic link to {}; left as it is",
                to.display()
            ))),
            None => Ok(()),
        }
    };
    refuse()?;
    write_with(path, bytes, &|_| refuse())
}

/// Replaces a file the user wrote (a `.crux` file that `fmt` or `pin` rewrites) with
/// `bytes`, where `was` is what the file held when it was read. Nothing is written, and
/// the file is left as it is, when it is read-only or when it no longer holds `was` (an
/// editor saved it meanwhile): the bytes made from the old text would lose that edit.
/// The check is made right before the new bytes take the file's place. A file with
/// more than one hard link is written in place, so that every name of it sees the
/// change (a rename would give this name a new file and leave the others behind);
/// otherwise the file is replaced atomically, as [`write_atomically`] does, keeping its
/// permissions and, where the system allows it, its owner.
pub(crate) fn replace_source(path: &Path, was: &[u8], bytes: &[u8]) -> std::io::Result<()> {
    let meta = std::fs::metadata(path)?;
    if meta.permissions().readonly() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "it is read-only; left as it is (make it writable to let crux rewrite it)",
        ));
    }
    if !writable(path) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "you may not write it (its owner and mode say so); left as it is",
        ));
    }
    let unchanged = |target: &Path| -> std::io::Result<()> {
        if std::fs::read(target)? == was {
            return Ok(());
        }
        Err(std::io::Error::other(
            "it changed on disk while crux worked on it; left as it is now, \
             run the command again",
        ))
    };
    if links(&meta) > 1 {
        unchanged(path)?;
        let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
        file.write_all(bytes)?;
        file.set_len(bytes.len() as u64)?;
        return file.sync_all();
    }
    write_with(path, bytes, &unchanged)
}

/// Whether this user may write the file, as the system judges it (owner, group and
/// mode, not the mode alone): a file of another user, in a folder this user may write
/// to, would otherwise be replaced by the rename and become this user's.
fn writable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let Ok(name) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
            return false;
        };
        // SAFETY: `name` is a NUL-terminated path that lives across the call;
        // faccessat reads it and no other memory.
        unsafe { libc::faccessat(libc::AT_FDCWD, name.as_ptr(), libc::W_OK, libc::AT_EACCESS) == 0 }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        true
    }
}

/// How many hard links (names) a file has; 1 where the system does not say.
fn links(meta: &std::fs::Metadata) -> u64 {
    #[cfg(unix)]
    {
        std::os::unix::fs::MetadataExt::nlink(meta)
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        1
    }
}

/// [`write_atomically`], calling `before_rename` on the target once the new bytes are
/// on disk beside it, right before they take its place; an error from it leaves the
/// target as it is.
fn write_with(
    path: &Path,
    bytes: &[u8],
    before_rename: &dyn Fn(&Path) -> std::io::Result<()>,
) -> std::io::Result<()> {
    if path
        .as_os_str()
        .to_string_lossy()
        .ends_with(['/', std::path::MAIN_SEPARATOR])
    {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "the path ends with a slash, as a folder does; name a file",
        ));
    }
    let (target, existing) = match std::fs::canonicalize(path) {
        Ok(target) => {
            let meta = std::fs::metadata(&target)?;
            // A rename would put a regular file in place of a folder, a device (say
            // `/dev/null`), a named pipe or a socket.
            if meta.is_dir() {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::IsADirectory,
                    "it is a folder; name a file",
                ));
            }
            if let Some(kind) = crate::project::special_kind(meta.file_type()) {
                return Err(std::io::Error::other(format!(
                    "it is {kind}, not a regular file; name a regular file"
                )));
            }
            (target, Some(meta))
        }
        // A link that leads nowhere: the file it names is made, the link kept.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (
            dangling_target(path)?.unwrap_or_else(|| path.to_path_buf()),
            None,
        ),
        Err(e) => return Err(e),
    };
    check_folder(&target)?;
    let name = target
        .file_name()
        .ok_or_else(|| std::io::Error::other("the path names no file"))?;
    let prefix = format!(".{}.", name.to_string_lossy());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".crux-tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = existing
            .as_ref()
            .map_or(0o666, |m| m.permissions().mode() & 0o777);
        // Subject to the umask, like any newly created file.
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let folder = folder_of(&target);
    // Registered while it exists, so that Ctrl-C removes it.
    let mut tmp = Temporary::create(
        || {
            builder
                .tempfile_in(folder)
                .map_err(|e| in_words(e, &format!("cannot create a file in {}", folder.display())))
        },
        |t| t.path(),
    )?;
    if let Some(meta) = &existing {
        // The file keeps its owner where the system allows it (root rewriting a user's
        // file); where it does not, the user who may write the file owns the new one.
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let _ = std::os::unix::fs::fchown(tmp.as_file(), Some(meta.uid()), Some(meta.gid()));
        }
        // The umask may have narrowed the mode of the existing file; restore it before
        // any byte is written (after the owner: a change of owner may clear set-ID bits).
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    before_rename(&target)?;
    // On failure the temporary file is removed when dropped.
    tmp.finish(|t| t.persist(&target).map(drop).map_err(|e| e.error))
}

/// `e` after `context`, without the name of the temporary file (which never exists
/// for the user to look at).
fn in_words(e: std::io::Error, context: &str) -> std::io::Error {
    let text = e.to_string();
    let cause = text.split(" at path ").next().unwrap_or(&text);
    std::io::Error::new(e.kind(), format!("{context}: {cause}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_planted_link_at_the_old_temporary_name_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "keep me").unwrap();
        let out = dir.path().join("out.svg");
        // The name the writer used to pick: predictable from the process ID.
        let planted = dir
            .path()
            .join(format!(".out.svg.crux-tmp-{}", std::process::id()));
        #[cfg(unix)]
        std::os::unix::fs::symlink(&victim, &planted).unwrap();
        write_atomically(&out, b"<svg/>").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "<svg/>");
        // Nothing is left behind but the planted link.
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names.len(), 3, "{names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn modes_are_kept_or_follow_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("old.crux");
        std::fs::write(&old, "x").unwrap();
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o664)).unwrap();
        write_atomically(&old, b"y").unwrap();
        let mode = std::fs::metadata(&old).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o664);
        // A new file is made like `File::create` makes one.
        let reference = dir.path().join("reference");
        std::fs::File::create(&reference).unwrap();
        let expected = std::fs::metadata(&reference).unwrap().permissions().mode() & 0o777;
        let new = dir.path().join("new.html");
        write_atomically(&new, b"z").unwrap();
        let mode = std::fs::metadata(&new).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, expected);
    }

    #[test]
    fn a_path_with_a_trailing_slash_names_no_file() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("maps/");
        let e = write_atomically(&out, b"x").unwrap_err();
        assert_eq!(
            e.to_string(),
            "the path ends with a slash, as a folder does; name a file"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn a_folder_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("maps");
        std::fs::create_dir(&folder).unwrap();
        let e = write_atomically(&folder, b"x").unwrap_err();
        assert_eq!(e.to_string(), "it is a folder; name a file");
        assert!(folder.is_dir());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_or_device_is_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("map.svg");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        // Through a link too, as `-o /dev/stdout` would be.
        let link = dir.path().join("link.svg");
        std::os::unix::fs::symlink(&fifo, &link).unwrap();
        for path in [&fifo, &link] {
            let e = write_atomically(path, b"x").unwrap_err();
            assert!(
                e.to_string()
                    .contains("it is a named pipe (FIFO), not a regular file"),
                "{e}"
            );
        }
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_folder_that_takes_no_new_file_is_named_without_the_temporary_name() {
        // Nobody, not even root, can create a file in /proc.
        let e = write_atomically(Path::new("/proc/map.svg"), b"x").unwrap_err();
        let text = e.to_string();
        assert!(
            text.starts_with("cannot create a file in /proc: "),
            "{text}"
        );
        assert!(!text.contains("crux-tmp"), "{text}");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_that_leads_nowhere_is_written_through() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("maps/drawn")).unwrap();
        // A chain: out.svg -> maps/map.svg -> drawn/map.svg (relative to maps/).
        let link = dir.path().join("out.svg");
        std::os::unix::fs::symlink("maps/map.svg", &link).unwrap();
        std::os::unix::fs::symlink("drawn/map.svg", dir.path().join("maps/map.svg")).unwrap();
        let target = dir.path().join("maps/drawn/map.svg");
        assert_eq!(dangling_target(&link).unwrap(), Some(target.clone()));
        assert_eq!(
            destination(&link),
            Some(
                std::fs::canonicalize(target.parent().unwrap())
                    .unwrap()
                    .join("map.svg")
            )
        );
        check_folder(&link).unwrap();
        write_atomically(&link, b"<svg/>").unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "<svg/>");
        // Now it leads somewhere: written through as before.
        assert_eq!(dangling_target(&link).unwrap(), None);
        write_atomically(&link, b"<svg></svg>").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "<svg></svg>");
        assert_eq!(
            std::fs::read_dir(dir.path().join("maps/drawn"))
                .unwrap()
                .count(),
            1
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_into_a_missing_folder_is_refused_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("dang.svg");
        std::os::unix::fs::symlink("nowhere/x.svg", &link).unwrap();
        // The folder is named as the link's folder joined to the link.
        let expected = format!(
            "it is a symbolic link to nowhere/x.svg, and the folder {} does not exist; \
             the link is left as it is",
            dir.path().join("nowhere").display()
        );
        let e = check_folder(&link).unwrap_err();
        assert_eq!(e.to_string(), expected);
        let e = write_atomically(&link, b"x").unwrap_err();
        assert_eq!(e.to_string(), expected);
        assert_eq!(
            std::fs::read_link(&link).unwrap(),
            Path::new("nowhere/x.svg")
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_not_written_through_when_links_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        std::fs::write(&victim, "keep me").unwrap();
        let link = dir.path().join("out.crux");
        std::os::unix::fs::symlink("victim.txt", &link).unwrap();
        let e = write_atomically_unless_link(&link, b"x").unwrap_err();
        assert_eq!(
            e.to_string(),
            "it is a symbolic link to victim.txt; left as it is"
        );
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep me");
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
        // A regular file is replaced as usual.
        let file = dir.path().join("file.crux");
        std::fs::write(&file, "old").unwrap();
        write_atomically_unless_link(&file, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "new");
    }

    #[test]
    fn a_source_edited_meanwhile_is_left_as_it_is_now() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("d.crux");
        // Read as "thesis   t", then an editor saved another line.
        std::fs::write(&file, "thesis   t: \"T\"\nclaim c: \"typed meanwhile\"\n").unwrap();
        let e = replace_source(&file, b"thesis   t: \"T\"\n", b"thesis t: \"T\"\n").unwrap_err();
        assert!(e.to_string().contains("changed on disk"), "{e}");
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            "thesis   t: \"T\"\nclaim c: \"typed meanwhile\"\n"
        );
        // Unchanged since it was read: replaced, and nothing else left in the folder.
        replace_source(
            &file,
            b"thesis   t: \"T\"\nclaim c: \"typed meanwhile\"\n",
            b"x",
        )
        .unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_source_is_not_replaced() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("d.crux");
        std::fs::write(&file, "old").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
        let e = replace_source(&file, b"old", b"new").unwrap_err();
        assert!(e.to_string().starts_with("it is read-only"), "{e}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "old");
    }

    #[cfg(unix)]
    #[test]
    fn every_name_of_a_hard_linked_source_sees_the_change() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("d.crux");
        let other = dir.path().join("copy.crux");
        std::fs::write(&file, "a longer old text").unwrap();
        std::fs::hard_link(&file, &other).unwrap();
        replace_source(&file, b"a longer old text", b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(&other).unwrap(), "new");
    }

    #[test]
    fn a_missing_folder_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("no-such-folder").join("map.html");
        let e = write_atomically(&out, b"x").unwrap_err();
        assert!(e.to_string().contains("no-such-folder"), "{e}");
        assert!(e.to_string().contains("does not exist"), "{e}");
    }
}
