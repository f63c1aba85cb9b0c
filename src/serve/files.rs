//! Which file a request path names, if `crux serve` may send it: a regular file inside
//! the project, reached without `..`, without a hidden component (`.git`, `.env`), and
//! still inside the project once symbolic links are resolved. Anything else is `None`,
//! which the server answers with 404.

use std::path::{Component, Path, PathBuf};

/// The file under `root` (already canonical) that the URL path `url` names, if it may
/// be served. `url` is the request target without its query; it must start with `/`.
pub fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.strip_prefix('/')?;
    let decoded = percent_decode(path)?;
    if decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    let mut relative = PathBuf::new();
    for segment in decoded.split('/') {
        if segment.is_empty() || segment.starts_with('.') {
            return None;
        }
        let mut parts = Path::new(segment).components();
        match (parts.next(), parts.next()) {
            (Some(Component::Normal(part)), None) => relative.push(part),
            _ => return None, // `C:`, a root, `..`
        }
    }
    let file = std::fs::canonicalize(root.join(relative)).ok()?;
    (file.starts_with(root) && file.is_file()).then_some(file)
}

/// `%XX` escapes decoded; `None` for a bad escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The `Content-Type` of a served file, by its extension.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" | "crux" | "yaml" | "yml" | "tsv" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("project");
        std::fs::create_dir_all(root.join("data")).unwrap();
        std::fs::write(root.join("data/a b.csv"), "x\n1\n").unwrap();
        std::fs::write(root.join(".env"), "secret").unwrap();
        std::fs::write(dir.path().join("outside.txt"), "secret").unwrap();
        let root = std::fs::canonicalize(root).unwrap();
        (dir, root)
    }

    #[test]
    fn serves_files_inside_the_project() {
        let (_dir, root) = project();
        assert_eq!(
            resolve(&root, "/data/a%20b.csv"),
            Some(root.join("data/a b.csv"))
        );
    }

    #[test]
    fn refuses_everything_else() {
        let (_dir, root) = project();
        for url in [
            "/../outside.txt",
            "/data/../../outside.txt",
            "/%2e%2e/outside.txt",
            "/data%2f..%2f..%2foutside.txt",
            "/..%5coutside.txt",
            "//etc/passwd",
            "/etc/passwd",
            "/.env",
            "/data",
            "/data/",
            "/missing.csv",
            "/%ff",
            "/%zz",
            "data/a%20b.csv",
        ] {
            assert_eq!(resolve(&root, url), None, "{url}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn refuses_links_out_of_the_project() {
        let (dir, root) = project();
        std::os::unix::fs::symlink(dir.path().join("outside.txt"), root.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), root.join("up")).unwrap();
        std::os::unix::fs::symlink(root.join("data/a b.csv"), root.join("in.csv")).unwrap();
        assert_eq!(resolve(&root, "/link.txt"), None);
        assert_eq!(resolve(&root, "/up/outside.txt"), None);
        assert_eq!(resolve(&root, "/in.csv"), Some(root.join("data/a b.csv")));
    }
}
