//! Running a program and timing it, for the benchmarks that hold crux beside another
//! tool ("a peer"): finding the peer when it is installed, a wall-clock limit, the peak
//! memory of the process, and a description of the machine for the results file.

// Each benchmark uses part of this module.
#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one run of a program gave.
pub struct Run {
    /// Wall time from spawning to exit (or to the kill at the limit).
    pub elapsed: Duration,
    /// The exit code; `None` when the limit killed it (or a signal did).
    pub code: Option<i32>,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Peak resident memory in MB (10^6 bytes), where GNU time is installed.
    pub peak_mb: Option<f64>,
    /// The limit ran out first.
    pub killed: bool,
}

/// The first of: the program named by the environment variable `var`, `local` (a path
/// under the repository, e.g. where `npm i --prefix target/peers` puts a binary), or
/// `name` on PATH. `None` when none of them exists.
pub fn find(var: &str, local: Option<&Path>, name: &str) -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(var).map(PathBuf::from) {
        return p.is_file().then_some(p);
    }
    if let Some(p) = local.filter(|p| p.is_file()) {
        return Some(p.to_path_buf());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// GNU time, to read a child's peak memory, where it is installed.
fn gnu_time() -> Option<&'static Path> {
    let p = Path::new("/usr/bin/time");
    p.is_file().then_some(p)
}

/// Runs `program args` in `dir`, killing it after `limit`. The time includes starting
/// the process, as a user sees it. With `memory`, the program runs under GNU time (where
/// it is installed) to read its peak memory, which adds a little to the time.
pub fn run(program: &Path, args: &[&str], dir: &Path, limit: Duration, memory: bool) -> Run {
    let mem_file = std::env::temp_dir().join(format!("crux-bench-mem-{}", std::process::id()));
    let mut cmd = match gnu_time().filter(|_| memory) {
        Some(time) => {
            let mut c = Command::new(time);
            c.arg("-f").arg("%M").arg("-o").arg(&mem_file).arg(program);
            c
        }
        None => Command::new(program),
    };
    cmd.args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
    // Read both pipes on threads so that a chatty child never blocks on a full pipe.
    let mut out = child.stdout.take().expect("piped");
    let mut err = child.stderr.take().expect("piped");
    let out = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out.read_to_end(&mut s);
        s
    });
    let err = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.read_to_end(&mut s);
        s
    });
    // The wait blocks, so that the time ends when the process does (a loop that looks
    // every few milliseconds would add up to its period to every run); a second thread
    // kills the process if the limit comes first.
    let pid = child.id();
    let (exited, watch) = std::sync::mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        if watch.recv_timeout(limit).is_ok() {
            return false;
        }
        // Under GNU time, first the program it runs (by its own ID), then GNU time.
        for id in children(pid).into_iter().chain([pid]) {
            // GNU time may be gone already, its program killed.
            let _ = Command::new("kill")
                .args(["-s", "KILL", "--", &id.to_string()])
                .stderr(Stdio::null())
                .status();
        }
        true
    });
    let status = child.wait().expect("wait for the child");
    let elapsed = started.elapsed();
    let _ = exited.send(());
    let killed = watchdog.join().unwrap_or(false);
    let stdout = String::from_utf8_lossy(&out.join().unwrap_or_default()).into_owned();
    let stderr = String::from_utf8_lossy(&err.join().unwrap_or_default()).into_owned();
    let peak_mb = if killed || !memory {
        None
    } else {
        std::fs::read_to_string(&mem_file)
            .ok()
            .and_then(|s| s.lines().last()?.trim().parse::<f64>().ok())
            .map(|kb| kb * 1024.0 / 1e6)
    };
    let _ = std::fs::remove_file(&mem_file);
    // GNU time passes the child's exit code on; a child killed by a signal makes it
    // report "Command terminated by signal" and exit non-zero.
    let code = if killed { None } else { status.code() };
    Run {
        elapsed,
        code,
        stdout,
        stderr,
        peak_mb,
        killed,
    }
}

/// The IDs of the direct children of process `pid` (Linux), never 0 or negative.
fn children(pid: u32) -> Vec<u32> {
    std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|p| p.parse::<u32>().ok())
        .filter(|&p| p > 1)
        .collect()
}

/// The median of a non-empty list.
pub fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// A program's name and version (the first word of the form `1.2.3` in what it prints
/// for `arg`), or its name and `unknown version`.
pub fn version(program: &Path, arg: &str) -> String {
    let name = program
        .file_name()
        .map_or("program".into(), |n| n.to_string_lossy().into_owned());
    let found = Command::new(program)
        .arg(arg)
        .stdin(Stdio::null())
        .output()
        .ok()
        .and_then(|o| {
            let s = String::from_utf8_lossy(&o.stdout).into_owned()
                + &String::from_utf8_lossy(&o.stderr);
            s.split_whitespace()
                .find(|w| {
                    w.split('.').count() >= 2
                        && w.split('.')
                            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
                })
                .map(String::from)
        });
    format!("{name} {}", found.as_deref().unwrap_or("unknown version"))
}

/// Cores and CPU: where the numbers were measured, safe inside a CSV field.
pub fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    csv_safe(&format!("{cores} cores; {}; cargo bench profile", cpu()))
}

/// Cores, CPU and compiler, for in-process benchmarks (whose numbers depend on how
/// crux was compiled), safe inside a CSV field.
pub fn machine_and_compiler() -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = std::process::Command::new(rustc)
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "rustc unknown".into());
    csv_safe(&format!(
        "{cores} cores; {}; {version}; cargo bench profile",
        cpu()
    ))
}

/// The CPU's model name, from `/proc/cpuinfo`.
fn cpu() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into())
}

/// `s` without the characters that would need quoting in a CSV field.
pub fn csv_safe(s: &str) -> String {
    s.replace([',', '"', '\n', '\r'], " ")
}

/// The name of the file of `claims/benchmarks/` a bench writes: the environment variable
/// `var` when set (to keep a second run beside the first: the speed of a machine
/// drifts), else `default`. Checked before anything runs, so that a bad name costs no
/// run.
pub fn results_name(var: &str, default: &str) -> String {
    let name = std::env::var(var).unwrap_or_else(|_| default.into());
    assert!(
        !name.contains(['/', '\\']) && name.ends_with(".csv"),
        "{var} is the name of a .csv file in claims/benchmarks/, without a folder"
    );
    name
}

/// Writes `text` to `claims/benchmarks/NAME` when `CRUX_BENCH_WRITE=1`.
pub fn write_results(name: &str, text: &str) {
    if !std::env::var("CRUX_BENCH_WRITE").is_ok_and(|v| v == "1") {
        return;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("claims/benchmarks");
    std::fs::create_dir_all(&dir).expect("create claims/benchmarks");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write the results");
    println!("wrote {}", path.display());
}
