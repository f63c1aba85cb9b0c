//! How the process takes its memory from the system: in huge pages for debates of a
//! few megabytes, in small pages otherwise.
//!
//! Phase: cli. The binary's allocator (mimalloc, see `main.rs`) asks Linux for
//! transparent huge pages (2 MiB) for its heap. A check of the one-file 10,000-node
//! debate (2.6 MB) touches about 36 MB: in 4 KiB pages that is some 5,800 page faults;
//! in huge pages about 1,300, and the check takes about a fifth less time (24 ms
//! instead of 30). Their price is memory: a huge page that the parse leaves partly
//! used stays resident in full. On the 10,000-node debate the peak goes from 36 to
//! 49 MB; on the 100,000-node debate (26.6 MB) from 220-232 MB to 237-250 MB, too
//! close to the 250 MB it must stay under for a tenth less time; and a hand-written debate
//! of a few hundred nodes is no faster, only larger. So the binary starts without
//! them ([`huge_pages`]) and, once the files are read, takes them only when their
//! text is in [`HUGE_PAGES`] ([`fit`]).

/// The sizes of debates (bytes of `.crux` text) checked in huge pages.
pub(crate) const HUGE_PAGES: std::ops::Range<usize> = (1 << 20)..(16 << 20);

/// Takes huge pages from now on if a debate of `bytes` bytes is in [`HUGE_PAGES`], and
/// small pages otherwise.
pub(crate) fn fit(bytes: usize) {
    huge_pages(HUGE_PAGES.contains(&bytes));
}

/// Whether the process takes the memory it touches from now on in transparent huge
/// pages, where the allocator asks for them (Linux's `PR_SET_THP_DISABLE`; elsewhere
/// this does nothing).
pub fn huge_pages(on: bool) {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE sets a flag of this process; it reads no memory.
    // Should it fail (an old kernel), the process runs on as it was.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, libc::c_ulong::from(!on), 0, 0, 0);
    }
    #[cfg(not(target_os = "linux"))]
    let _ = on;
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    /// Whether this process takes huge pages, as the kernel says.
    fn huge_pages_on() -> bool {
        // SAFETY: PR_GET_THP_DISABLE reads a flag of this process.
        unsafe { libc::prctl(libc::PR_GET_THP_DISABLE, 0, 0, 0, 0) == 0 }
    }

    #[test]
    fn only_debates_of_a_few_megabytes_take_huge_pages() {
        // No other test of this process reads a debate this large.
        for (bytes, on) in [
            (HUGE_PAGES.start - 1, false),
            (HUGE_PAGES.start, true),
            (HUGE_PAGES.end - 1, true),
            (HUGE_PAGES.end, false),
            (0, false),
        ] {
            fit(bytes);
            assert_eq!(huge_pages_on(), on, "{bytes} bytes");
        }
        huge_pages(true);
        assert!(huge_pages_on());
    }
}
