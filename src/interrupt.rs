//! Ctrl-C (SIGINT): one handler for the whole process, as the `ctrlc` crate allows one,
//! so that an interrupted command leaves no temporary file behind.
//!
//! A write in progress registers its temporary file for as long as the file exists
//! ([`Temporary`]). On Ctrl-C the handler removes every registered file, then stops the
//! command: by the way to stop that the command gave ([`on_interrupt`], as `crux serve`
//! does, which then shuts down by itself), else by exiting with code 130, as a shell
//! reports a command ended by SIGINT. The handler is installed by the first of these
//! calls; before it, Ctrl-C ends the process as usual, which leaves nothing behind since
//! no temporary file exists yet.
//!
//! Registering and removing happen under one lock, which the handler takes too: a file
//! being created, or renamed into place, is either registered and removed, or renamed
//! and whole; never left half-written or nameless.
//!
//! Uses nothing else of the crate.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};

/// The exit code of a command interrupted by Ctrl-C: 128 + SIGINT, as shells report it.
pub const EXIT_CODE: i32 = 130;

/// What the handler acts on.
struct State {
    /// The temporary files that exist now, in the order they were made.
    temporary: Vec<PathBuf>,
    /// How the command stops on Ctrl-C, when it stops by itself.
    stop: Option<Box<dyn Fn() + Send>>,
}

/// The one state of the process.
static STATE: Mutex<State> = Mutex::new(State {
    temporary: Vec::new(),
    stop: None,
});

/// Whether the handler could be installed, once it has been tried.
static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();

/// The state, locked; a panic elsewhere while it was held does not disable Ctrl-C.
fn state() -> MutexGuard<'static, State> {
    STATE.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Installs the handler, the first time only; the error says why it could not be.
fn install() -> Result<(), String> {
    INSTALLED
        .get_or_init(|| ctrlc::set_handler(interrupted).map_err(|e| e.to_string()))
        .clone()
}

/// The handler: removes the temporary files, then stops the command. The lock is held
/// to the end, so no write registers or renames a file meanwhile.
fn interrupted() {
    let mut state = state();
    remove_all(&mut state.temporary);
    match &state.stop {
        Some(stop) => stop(),
        None => std::process::exit(EXIT_CODE),
    }
}

/// Removes every file of `paths` (one already gone is no matter) and empties the list.
fn remove_all(paths: &mut Vec<PathBuf>) {
    for path in paths.drain(..) {
        let _ = std::fs::remove_file(path);
    }
}

/// Makes Ctrl-C call `stop` (after removing any temporary file) instead of ending the
/// process: for a command that shuts down by itself. The error says why Ctrl-C cannot
/// be handled.
pub fn on_interrupt(stop: impl Fn() + Send + 'static) -> Result<(), String> {
    install()?;
    state().stop = Some(Box::new(stop));
    Ok(())
}

/// A temporary file (held as `T`, which removes the file when dropped, as
/// `tempfile::NamedTempFile` does) that Ctrl-C removes while it exists. It derefs to
/// `T`.
pub struct Temporary<T> {
    /// The file; `None` once it has been finished or dropped.
    file: Option<T>,
    /// Its path, as registered.
    path: PathBuf,
}

impl<T> Temporary<T> {
    /// Makes a temporary file with `make` and registers its path (`path_of` it). Ctrl-C
    /// meanwhile waits until the file is registered, and then removes it.
    pub fn create<E>(
        make: impl FnOnce() -> Result<T, E>,
        path_of: impl FnOnce(&T) -> &Path,
    ) -> Result<Self, E> {
        // Without a handler, Ctrl-C ends the process as usual, and may leave the file.
        let _ = install();
        let mut state = state();
        let file = make()?;
        let path = path_of(&file).to_path_buf();
        state.temporary.push(path.clone());
        Ok(Temporary {
            file: Some(file),
            path,
        })
    }

    /// Ends the file's life as a temporary file with `finish` (a rename into place,
    /// say), and unregisters it. Ctrl-C meanwhile waits until it is done: the file is
    /// then in place, whole. Whatever `finish` drops is dropped under the same lock.
    pub fn finish<R>(mut self, finish: impl FnOnce(T) -> R) -> R {
        let mut state = state();
        let file = self.file.take().expect("a temporary file is finished once");
        let result = finish(file);
        unregister(&mut state.temporary, &self.path);
        result
    }
}

/// Removes `path` from the list of temporary files.
fn unregister(paths: &mut Vec<PathBuf>, path: &Path) {
    if let Some(i) = paths.iter().rposition(|p| p == path) {
        paths.remove(i);
    }
}

impl<T> Drop for Temporary<T> {
    /// Drops the file (which removes it) and unregisters it, under the lock.
    fn drop(&mut self) {
        if let Some(file) = self.file.take() {
            let mut state = state();
            drop(file);
            unregister(&mut state.temporary, &self.path);
        }
    }
}

impl<T> std::ops::Deref for Temporary<T> {
    type Target = T;

    fn deref(&self) -> &T {
        self.file
            .as_ref()
            .expect("a temporary file until it is finished")
    }
}

impl<T> std::ops::DerefMut for Temporary<T> {
    fn deref_mut(&mut self) -> &mut T {
        self.file
            .as_mut()
            .expect("a temporary file until it is finished")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `path` is registered now.
    fn registered(path: &Path) -> bool {
        state().temporary.iter().any(|p| p == path)
    }

    #[test]
    fn a_temporary_file_is_registered_while_it_exists() {
        let dir = tempfile::tempdir().unwrap();
        let tmp = Temporary::create(|| tempfile::NamedTempFile::new_in(dir.path()), |t| t.path())
            .unwrap();
        let path = tmp.path().to_path_buf();
        assert!(registered(&path));
        drop(tmp);
        assert!(!path.exists());
        assert!(!registered(&path));
        // Finished (renamed into place): no longer registered.
        let tmp = Temporary::create(|| tempfile::NamedTempFile::new_in(dir.path()), |t| t.path())
            .unwrap();
        let path = tmp.path().to_path_buf();
        let done = dir.path().join("done");
        tmp.finish(|t| t.persist(&done)).unwrap();
        assert!(!registered(&path));
        assert!(done.exists());
    }

    #[test]
    fn the_handler_removes_what_is_registered() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join(".a.crux-tmp");
        let b = dir.path().join(".b.crux-tmp");
        std::fs::write(&a, "half").unwrap();
        let mut paths = vec![a.clone(), b];
        remove_all(&mut paths);
        assert!(paths.is_empty());
        assert!(!a.exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
